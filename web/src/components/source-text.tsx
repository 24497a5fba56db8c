// The document text with an incident's spans highlighted. Text nodes only: the source is never
// parsed as HTML, so markup in a report shows as the characters it is.
import { FIELD_KINDS, type Mark, segments } from '../highlight.ts';
import { useI18n } from '../i18n.ts';

export function SourceText(props: { text: string; lang: string; marks: Mark[] }) {
  const segs = segments(props.text.length, props.marks);
  return (
    <div class="source" lang={props.lang} dir={props.lang === 'ar' ? 'rtl' : 'ltr'} data-testid="source-text">
      {segs.map((s) => {
        const piece = props.text.slice(s.start, s.end);
        if (s.kinds.length === 0) return piece;
        const main = s.kinds[0];
        const cls = `hl hl-${main}${s.kinds.includes('evidence') && main !== 'evidence' ? ' in-evidence' : ''}`;
        return (
          <mark class={cls} data-field={main} title={s.labels.join(' · ') || undefined}>
            {piece}
          </mark>
        );
      })}
    </div>
  );
}

export function Legend() {
  const { t } = useI18n();
  return (
    <ul class="legend" aria-label={t('incident.legend')}>
      {[...FIELD_KINDS, 'evidence' as const].map((k) => (
        <li>
          <mark class={`hl hl-${k}`}>{t(`field.${k}`)}</mark>
        </li>
      ))}
    </ul>
  );
}
