import type { Catalogue } from './catalogue.js';

export const calcMessages: Catalogue = {
  'accounts.unmapped': { severity: 'error', text: 'Kontot {account} saknas i kontogrupperingen (belopp {amount} kr på {rows} rader). Lägg till det i kontogrupperna; inget konto förs tyst till "Övrigt".' },
  'accounts.mapped-twice': { severity: 'error', text: 'Kontot {account} är kopplat till två rader: "{first}" och "{second}". Varje konto ska höra till exakt en rad.' },
  'org.unknown-cost-centre': { severity: 'error', text: 'Ansvaret {costCentre} finns i huvudboken men inte i organisationsfilen (belopp {amount} kr på {rows} rader). Lägg till det i organisationen.' },
  'ledger.sign-suspect': { severity: 'warning', text: 'Teckenläget ser fel ut: intäktskontona summerar till {amount} kr i {mode}. Kontrollera inställningen "sign" för källan (huvudbok: debet positivt, kostnader positiva; rapport: intäkter positiva).' },
  'ledger.no-data-for-year': { severity: 'error', text: 'Huvudboken saknar utfall för {year} till och med period {period}. Kontrollera att rätt fil och period används.' },
  'ledger.period-outside': { severity: 'warning', text: 'Huvudboken har {rows} rader för perioder efter rapportperioden {period} (senast {last}); de räknas inte in i ackumulerat utfall.' },
};
