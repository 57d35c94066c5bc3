import type { Catalogue } from './catalogue.js';

/** Goal follow-up: mål, indikatorer, uppdrag, åtgärder, projekt, intern kontroll (readers and assessment). */
export const goalsMessages = {
  // Readers
  'goals.id-missing': { severity: 'error', text: '{kind} på raden saknar id. Varje {kind2} behöver ett stabilt id (kolumn {column}) så att den kan följas mellan perioderna.' },
  'goals.unit-unknown': { severity: 'error', text: 'Delmålet {id} hör enligt målexporten till enheten "{unit}", som inte finns i organisationsfilen.{suggestion} Ange enhetens id eller namn som i organisationsfilen, eller lämna cellen tom för rapportägarens mål.' },
  'goals.unit-ambiguous': { severity: 'error', text: 'Delmålet {id} hör enligt målexporten till enheten "{unit}", men {count} enheter i organisationsfilen heter så ({ids}), så delmålet skulle räknas hos flera. Ange enhetens id i stället för namnet.' },
  'goals.duplicate-id': { severity: 'error', text: '{kind} {id} finns två gånger (första gången på rad {firstRow}). Varje id ska förekomma en gång.' },
  'goals.duplicate-measurement': { severity: 'error', text: 'Indikatorn {id} har två utfall för period {period} (första på rad {firstRow}). Ta bort den ena raden.' },
  'goals.definition-conflict': { severity: 'warning', text: 'Indikatorn {id} har olika {field} på olika rader ("{first}" och "{second}"). Värdet från den senaste perioden används.' },
  'goals.indicator-renamed': { severity: 'warning', text: 'Indikatorn {id} har bytt namn från "{before}" till "{after}" ({where}). Kontrollera att det är samma indikator; annars behöver den ett nytt id.' },
  'goals.indicator-dropped': { severity: 'warning', text: 'Indikatorn {id} "{name}" fanns i föregående export ({previous}) men saknas nu. Kontrollera om den har tagits bort med avsikt.' },
  'goals.indicator-new-id': { severity: 'warning', text: 'Indikatorn "{name}" har nytt id {id} men hade id {previousId} i föregående export ({previous}). Utfall följs per id: behåll det gamla id:t om det är samma indikator.' },
  'goals.value-unparseable': { severity: 'error', text: 'Värdet "{value}" i kolumnen {column} går inte att läsa som ett tal. Skriv t.ex. 93,8 eller 93,8 %.' },
  'goals.date-unparseable': { severity: 'error', text: 'Datumet "{value}" i kolumnen {column} går inte att läsa. Skriv det som ÅÅÅÅ-MM-DD.' },
  'goals.occasion-unknown': { severity: 'warning', text: 'Redovisningstillfället "{value}" i kolumnen {column} är okänt och hoppas över. Använd M, D1, D2 eller Å (D = båda delåren).' },
  'goals.direction-invalid': { severity: 'error', text: 'Riktningen "{value}" i kolumnen {column} är okänd. Skriv "Högre är bättre" eller "Lägre är bättre".' },
  'goals.assessment-invalid': { severity: 'error', text: 'Bedömningen "{value}" i kolumnen {column} är okänd. Skriv t.ex. "Uppfylls helt", "Delvis", "Uppfylls inte" eller "Inga data".' },
  'goals.progress-invalid': { severity: 'error', text: 'Statusen "{value}" i kolumnen {column} är okänd. Skriv "Klar", "Pågående", "Ej påbörjad" eller "Avbruten".' },
  'goals.rag-invalid': { severity: 'error', text: 'Statusen "{value}" i kolumnen {column} är okänd. Skriv "Grön", "Gul" eller "Röd" (eller "Enligt plan", "Mindre avvikelse", "Stor avvikelse").' },
  'goals.control-invalid': { severity: 'error', text: 'Resultatet "{value}" i kolumnen {column} är okänt. Skriv "Uppfyllt", "Delvis uppfyllt" eller "Ej uppfyllt".' },
  'goals.percent-fraction': { severity: 'warning', text: 'Utfallet {value} för indikatorn {id} ser ut att vara en andel, men målvärdet är "{target}". Är cellen procentformaterad i Excel? Skriv då utfallet i procent (t.ex. 93,8), annars bedöms indikatorn mot fel värde.' },
  'goals.optional-column-missing': { severity: 'info', text: 'Kolumnen {column} finns inte i filen och läses inte. Sätt kolumnen till "" i konfigurationen om exporten saknar den, eller rätta namnet.' },
  'goals.timeline-unreadable': { severity: 'info', text: 'Tidplanen "{value}" för åtgärd {number} har inget slutdatum som går att läsa; den kontrolleras inte mot rapportdatum.' },
  // Assessment (cross-checks)
  'goals.indicator-unknown-goal': { severity: 'error', text: 'Indikatorn {id} "{name}" hör till delmål {goalId}, som inte finns i målfilen. Kontrollera delmålets id.' },
  'goals.indicator-no-measurement': { severity: 'warning', text: 'Indikatorn {id} "{name}" ska redovisas per {month} {year} men saknar utfall. Rapporten visar "Inga data".' },
  'goals.indicator-stale': { severity: 'warning', text: 'Indikatorn {id} "{name}" ska redovisas per {month} {year}, men senaste utfallet gäller {last}. Det räknas inte som aktuellt; rapporten visar "Inga data". Lägg in periodens utfall.' },
  'goals.indicator-unassessable': { severity: 'warning', text: 'Indikatorn {id} "{name}" har målvärdet "{target}", som inte kan bedömas med en regel, och ingen egen bedömning. Skriv en bedömning i exporten; rapporten visar "Ej bedömd".' },
  'goals.direction-conflict': { severity: 'warning', text: 'Indikatorn {id} "{name}" har målvärdet "{target}" men riktningen "{direction}". Målvärdets jämförelse används; rätta riktningen i exporten.' },
  'goals.assessment-differs': { severity: 'info', text: '{kind} {name} har egen bedömning "{person}", medan regeln ger "{rule}". Den egna bedömningen används och markeras i rapporten.' },
  'goals.uppdrag-overdue': { severity: 'info', text: 'Uppdraget "{text}" har slutdatum {endDate} men status "{status}". Det markeras som försenat i rapporten.' },
  'goals.measure-overdue': { severity: 'info', text: 'Åtgärd {number} "{text}" har tidplan {timeline} som har passerat utan att den är klar. Den markeras som försenad i rapporten.' },
} as const satisfies Catalogue;
