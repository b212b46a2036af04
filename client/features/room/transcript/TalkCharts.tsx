/**
 * A small chart panel beside the figures: talk share per role, and how many turns of each length
 * each speaker took (stacked). Recharts renders SVG through React (no injected scripts or style
 * sheets, so the CSP holds); it is loaded only when a transcript is shown. The charts repeat
 * figures that are also given as text, so they are pictures with a summary for screen readers.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TranscriptAnalytics } from '../../../../shared/transcript/analytics.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { speakerColor } from './model.ts';
import { useKindT } from '../../cycles/kind.ts';

const bucketLabel = (fromMs: number, toMs: number | null) =>
  toMs === null ? t('transcript.bucketFrom', { from: fromMs / 1000 }) : t('transcript.bucket', { from: fromMs / 1000, to: toMs / 1000 });

export default function TalkCharts({ analytics, nameOf }: { analytics: TranscriptAnalytics; nameOf: (speaker: string) => string }) {
  const t = useKindT();
  const roleData = analytics.roles.map((r) => ({ name: t(`transcript.role.${r.role}`), share: Math.round(r.share * 100) }));
  const lengthData = analytics.turnLengths.map((b) => ({
    name: bucketLabel(b.fromMs, b.toMs),
    // Keys by position: a speaker's name may contain a dot, which Recharts reads as a path.
    ...Object.fromEntries(b.bySpeaker.map((x) => [`s${analytics.speakers.findIndex((s) => s.speaker === x.speaker)}`, x.count])),
  }));
  const lengthSummary = analytics.turnLengths.map((b) => `${bucketLabel(b.fromMs, b.toMs)}: ${b.total}`).join(', ');
  return (
    <div className="transcript__charts" data-testid="talk-charts">
      <figure className="transcript__chart" role="img" aria-label={t('transcript.chartRolesLabel', { summary: roleData.map((r) => `${r.name} ${r.share}%`).join(', ') })}>
        <figcaption>{t('transcript.chartRoles')}</figcaption>
        <ResponsiveContainer width="100%" height={140}>
          <BarChart data={roleData} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={96} />
            <Tooltip formatter={(v) => `${String(v)}%`} />
            <Bar dataKey="share" name={t('transcript.chartShare')} fill={speakerColor(0)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="transcript__chart" role="img" aria-label={t('transcript.chartLengthsLabel', { summary: lengthSummary })}>
        <figcaption>{t('transcript.chartLengths')}</figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={lengthData} margin={{ left: 0, right: 16 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {analytics.speakers.map((s, i) => (
              <Bar key={s.speaker} dataKey={`s${i}`} name={nameOf(s.speaker)} stackId="turns" fill={speakerColor(i)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
