// Messages of the competency pages that the learner entry needs: the menu
// link, the sources of "my JP" (a batch, an approved claim, a unit
// training) and the catalogue's calendar link. i18n.ts spreads both
// catalogues into its own; the pages' other messages are in their lazy
// chunk (pages/competency-i18n.ts).

export const competencyId = {
  'nav.competency': 'Kompetensi',
  'jp.captionAll': 'JP yang tercatat pada tahun {year}',
  'jp.colTraining': 'Pelatihan',
  'jp.colSource': 'Sumber',
  'jp.source.batch': 'Angkatan di lembaga ini',
  'jp.source.claim': 'Pelatihan mandiri (PSPKM)',
  'jp.source.unit': 'Pelatihan unit kerja (PSPKU)',
  'jp.claimLink': 'Ajukan JP dari pelatihan di luar lembaga',
  'catalog.calendar': 'Kalender pelatihan',
  'catalog.calendarLabel': 'Kalender pelatihan {name}',
} as const;

export const competencyEn: Record<keyof typeof competencyId, string> = {
  'nav.competency': 'Competency',
  'jp.captionAll': 'JP recorded in {year}',
  'jp.colTraining': 'Training',
  'jp.colSource': 'Source',
  'jp.source.batch': 'Batch at this institution',
  'jp.source.claim': 'Self-organised training (PSPKM)',
  'jp.source.unit': 'Unit training (PSPKU)',
  'jp.claimLink': 'Claim JP for training outside the institution',
  'catalog.calendar': 'Training calendar',
  'catalog.calendarLabel': '{name} training calendar',
};
