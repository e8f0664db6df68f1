import { useEffect } from 'react';
import { useApp } from './store';
import { Nav } from './shell/Nav';
import { Placeholder } from './shell/Placeholder';

export function App(): React.JSX.Element {
  const { version, error, view, init } = useApp();
  useEffect(() => void init(), [init]);
  return (
    <div className="flex h-full bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <Nav />
      <main className="flex flex-1 flex-col">
        <div className="flex flex-1">
          <Placeholder view={view} />
        </div>
        <footer className="border-t border-slate-200 px-3 py-1 text-xs text-slate-500 dark:border-slate-800" data-testid="status-bar">
          {error ? (
            <span role="alert" className="text-red-600">
              {error}
            </span>
          ) : version ? (
            <span data-testid="app-version">
              {version.name} {version.version} · {version.runtime} · Node {version.node}
            </span>
          ) : (
            'Connecting…'
          )}
        </footer>
      </main>
    </div>
  );
}
