/**
 * Tabs beside the video. Every panel stays mounted (hidden when not chosen), so the report
 * editor keeps its undo history and caret while someone looks at another tab. Arrow keys move
 * between tabs (WAI-ARIA tabs pattern, automatic activation).
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { t } from '../../ui/i18n/nl.ts';

export interface SideTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function SideTabs({ tabs, active, onChange }: { tabs: readonly SideTab[]; active: string; onChange: (id: string) => void }) {
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
    <div className="side-tabs">
      <div className="side-tabs__list" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            className="side-tabs__tab"
            data-testid={`tab-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} className="side-tabs__panel" role="tabpanel" id={`tabpanel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} hidden={tab.id !== active}>
          {tab.content}
        </div>
      ))}
    </div>
  );
}
