import { FocalPointDto } from '@spcomms/notifications';
import { PageContext } from '../../render/page-context';
import { PortalInboxView } from './portal.view';

export interface PortalFocalPointsView {
  table: PortalInboxView['table'];
  empty: string | null;
}

/** `/{lang}/portal/focal-points`: where the system writes to the State, and in which language. */
export function portalFocalPointsView(points: FocalPointDto[], context: PageContext): PortalFocalPointsView {
  const { t } = context;
  return {
    table: {
      caption: t('portal.focalPoints.caption'),
      head: [
        { text: t('portal.focalPoints.name') },
        { text: t('portal.focalPoints.email') },
        { text: t('portal.focalPoints.language') },
      ],
      rows: points.map((point) => [
        { text: point.displayName, header: true },
        point.email,
        t(`portal.language.${point.mailLanguage}`),
      ]),
    },
    empty: points.length === 0 ? t('portal.focalPoints.empty') : null,
  };
}
