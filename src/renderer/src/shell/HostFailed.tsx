import { Icon } from '../components/Icon';

/** Nothing works without the host: say so plainly and what to do. */
export function HostFailed({ message }: { message: string }): React.JSX.Element {
  return (
    <div className="flex flex-1 items-center justify-center p-8">
      <div role="alert" className="max-w-lg rounded-lg border border-red-300 bg-red-50 p-4 text-[13px] text-red-900 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
        <div className="flex items-center gap-2 font-semibold">
          <Icon name="alert" className="size-4" />
          Brokerscope could not reach its host
        </div>
        <p className="mt-1.5">{message}</p>
        <p className="mt-2 text-xs opacity-80">
          In web mode, open the exact URL <code className="font-mono">npm run web</code> printed (it carries a per-run token); a restarted host
          prints a new one.
        </p>
      </div>
    </div>
  );
}
