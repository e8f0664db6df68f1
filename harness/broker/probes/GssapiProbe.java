// A real Kafka client authenticating with GSSAPI (Kerberos keytab) against the harness broker:
// proves the SASL_GSSAPI listener accepts Kerberos logins end to end. Run with the broker's own
// classpath (kafka-clients is on it) as a single-file source program:
//   java -Djava.security.krb5.conf=<krb5.conf> -cp <classpath> GssapiProbe.java <bootstrap> <keytab> <principal>
// Prints "OK cluster=<id> nodes=<n>" and exits 0, or prints the failure and exits 1.
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;

public class GssapiProbe {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GssapiProbe <bootstrap> <keytab> <principal>");
            System.exit(2);
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", args[0]);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "GSSAPI");
        p.put("sasl.kerberos.service.name", "kafka");
        p.put("sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true"
                + " useTicketCache=false keyTab=\"" + args[1] + "\" principal=\"" + args[2] + "\";");
        p.put("request.timeout.ms", "15000");
        p.put("default.api.timeout.ms", "20000");
        try (Admin admin = Admin.create(p)) {
            DescribeClusterResult r = admin.describeCluster();
            System.out.println("OK cluster=" + r.clusterId().get() + " nodes=" + r.nodes().get().size());
        } catch (Exception e) {
            System.out.println("FAILED " + e);
            System.exit(1);
        }
    }
}
