import type { Catalogue } from './catalogue.js';

export const calcMessages = {
  'accounts.unmapped': { severity: 'error', text: 'Kontot {account} saknas i kontogrupperingen (belopp {amount} kr på {rows} rader). Lägg till det i kontogrupperna; inget konto förs tyst till "Övrigt".' },
  'accounts.mapped-twice': { severity: 'error', text: 'Kontot {account} är kopplat till två rader: "{first}" och "{second}". Varje konto ska höra till exakt en rad.' },
  'org.unit-two-parents': { severity: 'error', text: 'Enheten "{unit}" på nivån {level} ligger under två olika överordnade: "{first}" (rad {firstRow}) och "{second}". En enhet kan bara höra till en; rätta organisationsfilen eller ge enheterna olika namn (t.ex. "{unit} {second}").' },
  'org.unknown-cost-centre': { severity: 'error', text: 'Ansvaret {costCentre} finns i huvudboken men inte i organisationsfilen (belopp {amount} kr på {rows} rader). Lägg till det i organisationen.' },
  'ledger.sign-suspect': { severity: 'warning', text: 'Teckenläget ser fel ut: intäktskontona summerar till {amount} kr i {mode}. Kontrollera inställningen "sign" för källan (huvudbok: debet positivt, kostnader positiva; rapport: intäkter positiva).' },
  'ledger.no-data-for-year': { severity: 'error', text: 'Huvudboken saknar utfall för {year} till och med period {period}. Kontrollera att rätt fil och period används.' },
  'ledger.no-actuals': { severity: 'error', text: 'Huvudboken innehåller inget utfall alls. Kontrollera att rätt fil och kolumnmappning används.' },
  'ledger.forecast-unused': { severity: 'warning', text: 'Huvudboken har prognosbelopp på {rows} rader, men helårsprognoser läses från källan "forecasts" (per prognostillfälle). Beloppen i kolumnen används inte; ange sources.forecasts eller ta bort kolumnmappningen för prognos.' },
  'accounts.unknown-section': { severity: 'error', text: 'Avsnittet "{section}" finns inte bland avsnitten i konfigurationen ({known}). Rätta kontogrupperingen eller lägg till avsnittet under "sections".' },
  'forecast.none-for-period': { severity: 'warning', text: 'Prognosfilen har inget prognostillfälle för {period} eller tidigare samma år; rapporten visas utan helårsprognos. Kontrollera kolumnen Prognostillfälle.' },
  'forecast.unknown-row': { severity: 'error', text: 'Prognosen avser raden eller kontot "{value}", som inte finns i kontogrupperingen.' },
  'region.unknown-account': { severity: 'error', text: 'Kontot "{account}" under regionResult.{setting} finns inte i kontogrupperingen {file}.{suggestion}' },
  'region.unknown-row': { severity: 'error', text: 'Raden "{row}" under regionResult.{setting} finns inte i kontogrupperingen {file}.{suggestion}' },
  'region.not-cost': { severity: 'error', text: 'Kontot {account} under regionResult.depreciation hör till avsnittet "{section}", som inte är ett kostnadsavsnitt (kind: cost). Avskrivningar visas som en del av verksamhetens kostnader.' },
  'forecast.unknown-cost-centre': { severity: 'error', text: 'Prognosen avser ansvaret {costCentre}, som inte finns i organisationen.' },
  'budget.periodisation-failed': { severity: 'error', text: 'Budgeten för {row} kan inte periodiseras med nyckeln "{key}" (budget.periodisation): {reason}. Välj en annan nyckel för raden under budget.periodisation.reportRows eller costCentres.' },
} as const satisfies Catalogue;
