// The mark of a restricted item (issue 12): it names witnesses or victims, so only editors and
// admins see it. Viewers never receive one, so the badge is for those who must handle it with care.
import { useI18n } from '../i18n.ts';

export function RestrictedBadge(props: { title?: string }) {
  const { t } = useI18n();
  return (
    <span class="chip restricted" data-testid="restricted-badge" title={props.title ?? t('restricted.hint')}>
      {t('restricted.badge')}
    </span>
  );
}
