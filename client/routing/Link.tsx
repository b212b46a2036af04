import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router.ts';

/**
 * An ordinary link (it works with the keyboard, middle-click and "open in new tab") that
 * navigates inside the app on a plain click instead of reloading the page.
 */
export function Link({ href, children, className, ...rest }: {
  href: string;
  children: ReactNode;
  className?: string;
} & Record<`data-${string}` | `aria-${string}`, string>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} className={className} onClick={onClick} {...rest}>{children}</a>;
}
