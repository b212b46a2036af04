/**
 * The reflection's tabs for the room's side panel, in the order of the cycle: Intake,
 * Cliëntinterview, Agenda (before the Verslag) and Aandachtspunten (after it). The room places
 * them; each panel stays mounted like the others.
 */
import { t } from '../../ui/i18n/nl.ts';
import { AgendaPanel } from './AgendaPanel.tsx';
import type { ReflectionProps } from './context.ts';
import { IntakePanel } from './IntakePanel.tsx';
import { InterviewPanel } from './InterviewPanel.tsx';
import { TakeawaysPanel } from './TakeawaysPanel.tsx';
import './reflection.css';

export function reflectionTabs(props: ReflectionProps) {
  return {
    intake: { id: 'intake', label: t('tabs.intake'), content: <IntakePanel session={props.session} cycle={props.cycle} user={props.user} /> },
    interview: { id: 'interview', label: t('tabs.interview'), content: <InterviewPanel {...props} /> },
    agenda: { id: 'agenda', label: t('tabs.agenda'), content: <AgendaPanel {...props} /> },
    takeaways: { id: 'takeaways', label: t('tabs.takeaways'), content: <TakeawaysPanel session={props.session} cycle={props.cycle} user={props.user} /> },
  };
}
