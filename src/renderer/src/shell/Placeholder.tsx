import type { ViewId } from '../store';

const TEXT: Record<ViewId, string> = {
  profiles: 'Connection profiles will live here: create one, then connect or troubleshoot it.',
  sessions: 'Connected profiles will show their brokers, negotiated versions and in-flight requests here.',
  troubleshoot: 'Step through DNS, TCP, TLS, ApiVersions, SASL and Metadata for a profile, with a diagnosis.',
  logs: 'Exported connection logs open here, read-only.',
};

export function Placeholder({ view }: { view: ViewId }): React.JSX.Element {
  return (
    <section className="m-auto max-w-md text-center text-slate-500">
      <h1 className="mb-2 text-xl font-semibold capitalize text-slate-800 dark:text-slate-100">{view}</h1>
      <p>{TEXT[view]}</p>
    </section>
  );
}
