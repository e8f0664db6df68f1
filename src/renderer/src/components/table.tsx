/** Table cells with the devtools look: compact, sticky headers, monospaced numbers. */
import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from 'react';

export function Th({
  children,
  align = 'left',
  className = '',
  ...rest
}: ThHTMLAttributes<HTMLTableCellElement> & { align?: 'left' | 'right' | 'center'; children?: ReactNode }): React.JSX.Element {
  return (
    <th
      className={`sticky top-0 z-10 h-7 border-b border-line bg-panel px-2 text-[11px] font-medium whitespace-nowrap text-muted ${
        align === 'right' ? 'text-right' : align === 'center' ? 'text-center' : 'text-left'
      } ${className}`}
      {...rest}
    >
      {children}
    </th>
  );
}

export function Td({
  children,
  align = 'left',
  mono,
  className = '',
  ...rest
}: TdHTMLAttributes<HTMLTableCellElement> & { align?: 'left' | 'right' | 'center'; mono?: boolean; children?: ReactNode }): React.JSX.Element {
  return (
    <td
      className={`h-6 px-2 whitespace-nowrap ${mono ? 'num' : ''} ${align === 'right' ? 'text-right' : align === 'center' ? 'text-center' : ''} ${className}`}
      {...rest}
    >
      {children}
    </td>
  );
}
