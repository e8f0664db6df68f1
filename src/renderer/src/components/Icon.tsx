/** A small set of stroke icons (16 px grid), drawn inline: no icon font, nothing fetched. */
const paths = {
  plug: 'M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11v3',
  unplug: 'M3 3l10 10M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-1.2 2.6M8 11v3',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.5M13 2.5v2.5h-2.5',
  stethoscope: 'M4 2v4a3 3 0 0 0 6 0V2M7 9v1.5a3 3 0 0 0 6 0V9M13 9a1.2 1.2 0 1 0 0-.1',
  copy: 'M5.5 5.5h7v7h-7zM3.5 10.5v-7h7',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5',
  plus: 'M8 3v10M3 8h10',
  upload: 'M8 11V3M5 6l3-3 3 3M3 11v2h10v-2',
  download: 'M8 3v8M5 8l3 3 3-3M3 11v2h10v-2',
  search: 'M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM10.5 10.5 14 14',
  sun: 'M8 10.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1',
  moon: 'M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z',
  keyboard: 'M2 4.5h12v7H2zM4.5 7h1M7.5 7h1M10.5 7h1M5 9.5h6',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  play: 'M5 3.5l7 4.5-7 4.5z',
  x: 'M4 4l8 8M12 4l-8 8',
  chevronRight: 'M6 4l4 4-4 4',
  chevronDown: 'M4 6l4 4 4-4',
  alert: 'M8 2.5l6 11H2zM8 6.5v3M8 11.5v.01',
  check: 'M3 8.5l3 3 7-7',
  lock: 'M4 7h8v6.5H4zM5.5 7V5a2.5 2.5 0 0 1 5 0v2',
  unlock: 'M4 7h8v6.5H4zM5.5 7V5a2.5 2.5 0 0 1 4.9-.7',
  server: 'M2.5 3h11v4h-11zM2.5 9h11v4h-11zM5 5h.01M5 11h.01',
  list: 'M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01',
  clock: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM8 5v3l2 1.5',
  compare: 'M5 2v12M11 2v12M2 5h6M8 11h6',
  send: 'M2 8l12-5-5 12-2-5z',
  filter: 'M2 3h12l-4.5 5.5V13l-3-1.5V8.5z',
  arrowDown: 'M8 3v10M4 9l4 4 4-4',
  layers: 'M8 2l6 3-6 3-6-3zM2 8l6 3 6-3M2 11l6 3 6-3',
  activity: 'M1.5 8h3l2-5 3 10 2-5h3',
  inbox: 'M2 9l2-6h8l2 6v4H2zM2 9h3.5l1 1.5h3l1-1.5H14',
  timeline: 'M2 4h7M5 8h9M2 12h5M9 4h.01M14 8h.01M7 12h.01',
  chart: 'M2 13.5h12M4 11V8M7 11V4M10 11V6.5M13 11V9',
  shield: 'M8 2l5 2v4c0 3-2.2 5.2-5 6-2.8-.8-5-3-5-6V4z',
  tag: 'M2.5 2.5h5l6 6-5 5-6-6zM5 5h.01',
  eye: 'M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  eyeOff: 'M2 2l12 12M6.6 6.6a2 2 0 0 0 2.8 2.8M4.3 4.6C2.6 5.8 1.5 8 1.5 8S4 12.5 8 12.5c1.3 0 2.4-.4 3.4-1M7 3.6c.3-.1.7-.1 1-.1 4 0 6.5 4.5 6.5 4.5s-.5.9-1.4 2',
  info: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM8 7.5V11M8 5h.01',
  file: 'M4 1.5h5l3 3v10H4zM9 1.5v3h3',
  zap: 'M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, className = 'size-3.5' }: { name: IconName; className?: string }): React.JSX.Element {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`shrink-0 ${className}`}
      aria-hidden="true"
    >
      <path d={paths[name]} />
    </svg>
  );
}
