/**
 * The steps of a cycle as tabs: the step list runs across the top of the room (first in the
 * page after the header, so a keyboard reaches it at once), the panels sit beside the video.
 * A panel is built the first time its step is opened and then stays mounted (hidden when not
 * chosen), so what someone left in it (a draft, the report's undo history and caret) is still
 * there when they come back (P7-1). Arrow keys move between steps (WAI-ARIA tabs pattern,
 * automatic activation).
 */
import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { t } from '../../ui/i18n/nl.ts';

export interface SideTab {
  id: string;
  label: string;
  content: ReactNode;
  /** The method's step number, shown before the label (not part of the tab's name). */
  step?: number;
  /** The step a part belongs to ("Reflectiegesprek" for Agenda, Fragmenten, Verslag). */
  group?: string;
  /** Built at once, even before its step is opened (the report: other steps insert into its editor). */
  eager?: boolean;
}

export const stepListId = 'stappen';

export function StepList({ tabs, active, onChange }: { tabs: readonly SideTab[]; active: string; onChange: (id: string) => void }) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((tab) => tab.id === active);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target = event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : step !== 0 ? tabs[(i + step + tabs.length) % tabs.length] : undefined;
    if (target === undefined) return;
    event.preventDefault();
    onChange(target.id);
    buttons.current.get(target.id)?.focus();
  };
  return (
    <div className="side-tabs__list" role="tablist" id={stepListId} aria-label={t('tabs.label')} onKeyDown={onKeyDown} data-testid="step-list">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) buttons.current.set(tab.id, el);
            else buttons.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          className={['side-tabs__tab', tab.group !== undefined && tabs[i - 1]?.group === tab.group ? 'side-tabs__tab--part' : ''].filter(Boolean).join(' ')}
          data-testid={`tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`tabpanel-${tab.id}`}
          title={tab.group !== undefined ? `${tab.group}: ${tab.label}` : undefined}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.step !== undefined && <span className="side-tabs__step" aria-hidden="true">{tab.step}</span>}
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanels({ tabs, active }: { tabs: readonly SideTab[]; active: string }) {
  // Building every step's panel at once made opening a large cycle slow (P7: in a cycle with 500
  // observations the hidden Agenda alone held thousands of elements), so a panel is built when
  // its step is first opened. Once built it stays, even when hidden.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([active]));
  if (!opened.has(active)) setOpened(new Set(opened).add(active));
  return (
    <div className="side-tabs">
      {tabs.map((tab) => (
        <div key={tab.id} className="side-tabs__panel" role="tabpanel" id={`tabpanel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} hidden={tab.id !== active}>
          {(tab.eager === true || opened.has(tab.id)) && tab.content}
        </div>
      ))}
    </div>
  );
}

/** "Naar de stappen": the first stop of the page's content, moving focus to the chosen step. */
export function SkipToSteps() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    document.getElementById(stepListId)?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  };
  return <a className="skip-link" href={`#${stepListId}`} onClick={onClick} data-testid="skip-to-steps">{t('tabs.skip')}</a>;
}
