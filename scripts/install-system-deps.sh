#!/usr/bin/env bash
# Installs the Debian packages the app's tests need, only where missing:
# Chromium (e2e), openssl (test CA), Java 17 + Maven (the real Kafka test broker), tshark
# (pcapng export test), and an MIT Kerberos KDC (GSSAPI).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v openssl >/dev/null || need+=(openssl)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
command -v tshark >/dev/null || need+=(tshark)
# A real MIT Kerberos KDC for the GSSAPI listener, and kinit for its tests.
[ -x /usr/sbin/krb5kdc ] || need+=(krb5-kdc)
[ -x /usr/sbin/kadmin.local ] || need+=(krb5-admin-server)
command -v kinit >/dev/null || need+=(krb5-user)
[ -f /usr/include/krb5.h ] || need+=(libkrb5-dev)
if ((${#need[@]})); then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi
