/** Per speaker name: the role and, if wanted, the pseudonym used for everyone but the owner. */
import { speakerRoles, type SpeakerMapping, type SpeakerRole } from '../../../../shared/transcript/types.ts';
import { useKindT } from '../../cycles/kind.ts';

export function SpeakerFields({ legend, speakers, onChange }: {
  legend: string;
  speakers: readonly SpeakerMapping[];
  onChange: (name: string, patch: Partial<SpeakerMapping>) => void;
}) {
  const t = useKindT();
  return (
    <fieldset className="transcript__speakers">
      <legend>{legend}</legend>
      {speakers.map((s, i) => (
        <div key={s.name} className="transcript__speaker-row" data-testid="transcript-speaker">
          <span className="transcript__speaker">{s.name}</span>
          <label>
            <span className="visually-hidden">{t('transcript.roleOf', { name: s.name })}</span>
            <select value={s.role} onChange={(e) => onChange(s.name, { role: e.target.value as SpeakerRole })} data-testid={`speaker-role-${i}`}>
              {speakerRoles.map((r) => (
                <option key={r} value={r}>{t(`transcript.role.${r}`)}</option>
              ))}
            </select>
          </label>
          <label>
            <span className="visually-hidden">{t('transcript.pseudonymOf', { name: s.name })}</span>
            <input type="text" placeholder={t('transcript.pseudonym')} value={s.pseudonym ?? ''} maxLength={100}
              onChange={(e) => onChange(s.name, { pseudonym: e.target.value === '' ? null : e.target.value })} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}
