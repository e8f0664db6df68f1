import { globalShortcuts } from '../lib/shortcuts';
import { useUi } from '../stores/ui';
import { Kbd, modKey } from '../components/Kbd';
import { Modal } from '../components/Modal';

const viewShortcuts: { keys: string; what: string }[] = [
  { keys: 'Space', what: 'In-flight: pause / resume the live view' },
  { keys: 'C', what: 'In-flight, Event log: clear the filters' },
  { keys: 'F', what: 'Event log: follow the tail' },
  { keys: 'J / K', what: 'Event log, In-flight history: next / previous row' },
  { keys: 'M', what: 'Send a Metadata request through the active session' },
];

function Keys({ keys }: { keys: string }): React.JSX.Element {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {keys.split(' ').map((k, i, all) =>
        all.length > 1 && (k === '…' || k === 'and' || k === '/') ? (
          <span key={i} className="text-faint">
            {k}
          </span>
        ) : (
          <Kbd key={i}>{k.replace('Mod', modKey)}</Kbd>
        ),
      )}
    </span>
  );
}

export function ShortcutsHelp(): React.JSX.Element | null {
  const open = useUi((s) => s.shortcutsOpen);
  const setOpen = useUi((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="shortcuts-help">
      <table className="w-full text-[13px]">
        <tbody>
          {[...globalShortcuts, ...viewShortcuts].map((s) => (
            <tr key={s.keys} className="border-b border-line last:border-0">
              <td className="w-44 py-1.5 pr-3 align-top">
                <Keys keys={s.keys} />
              </td>
              <td className="py-1.5 text-muted">{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
