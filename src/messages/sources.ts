import type { Catalogue } from './catalogue.js';

/**
 * Tables, amounts, periods and the source readers (huvudbok, organisation, kontogrupper, investeringar, prognoser).
 * The location (file, blad, rad, kolumn) travels with the diagnostic; the texts repeat the raw value so a message
 * read on its own still says what was found.
 */
export const sourcesMessages = {
  // --- tables ------------------------------------------------------------------------------------------------
  'table.missing-columns': { severity: 'error', text: 'Kolumnerna {missing} saknas. Förväntade kolumner: [{expected}], hittade: [{found}] (rubrikraden "{value}").{hint} Rätta kolumnnamnen i konfigurationen (columns) eller i filen.' },
  'table.duplicate-header': { severity: 'error', text: 'Kolumnrubriken "{column}" förekommer flera gånger (kolumn {first} och {second}); det går inte att veta vilken som ska läsas. Byt namn på eller ta bort den ena kolumnen.' },
  'table.duplicate-header-unused': { severity: 'warning', text: 'Kolumnrubriken "{column}" förekommer flera gånger (kolumn {first} och {second}). Kolumnen används inte och hoppas över.' },
  'table.forbidden-header': { severity: 'error', text: 'Kolumnrubriken "{column}" är inte tillåten (okänd kolumn med ett reserverat namn). Byt namn på kolumnen.' },
  'table.header-normalised': { severity: 'warning', text: 'Kolumnrubriken "{value}" innehöll hårda mellanslag, blanktecken i kanten eller sammansatta tecken och lästes som "{column}". Rätta rubriken i filen.' },
  'table.row-too-short': { severity: 'error', text: 'Raden har {count} fält men rubriken har {expected}; kolumnen {column} och följande saknas. Raden: "{value}". Kontrollera avgränsare och citattecken på raden.' },
  'table.row-extra-empty-field': { severity: 'error', text: 'Raden har {count} fält men rubriken har {expected}, liksom filens andra rader. Det extra fältet är tomt, men ett värde kan ha flyttats en kolumn (t.ex. ett decimalkomma i en kommaseparerad fil: "{value}"); kolumnen {column} skulle då få fel värde. Citera fält som innehåller avgränsaren.' },
  'table.row-too-long': { severity: 'error', text: 'Raden har {count} fält men rubriken har {expected}; extra värde "{value}" efter sista kolumnen {column}. Ett decimalkomma eller en avgränsare i en text kan ha delat ett fält – citera fältet.' },
  'table.blank-lines': { severity: 'warning', text: '{count} tomma rader eller rader med bara avgränsare mitt i filen hoppades över (t.ex. rad {rows}). De räknas inte som rader med beloppet 0.' },
  'table.trailing-blank-lines': { severity: 'info', text: '{count} tomma rader i slutet av filen hoppades över.' },
  'table.repeated-header': { severity: 'warning', text: 'Rubrik- eller titelrader upprepas {count} gånger längre ner i filen (t.ex. rad {rows}, sidbrytningar i en rapportexport); raderna hoppades över.' },
  'table.no-data': { severity: 'error', text: 'Filen har en rubrikrad men inga datarader. Kontrollera exporten (urval, period), eller ta bort källan ur konfigurationen om den inte ska användas.' },
  'table.no-data-allowed': { severity: 'warning', text: 'Filen har en rubrikrad men inga datarader; rapporten visar "inga data" för källan.' },
  'table.too-many-rows': { severity: 'error', text: 'Filen har fler än {limit} rader, gränsen för en källa. Dela upp exporten eller kontrollera att rätt fil används.' },
  'table.missing-value': { severity: 'error', text: 'Värde saknas i kolumnen {column}. Fyll i värdet eller ta bort raden.' },
  'table.empty-amounts': { severity: 'info', text: '{count} tomma värden i kolumnen {column} lästes som "inget värde" (inte 0).' },
  'source.more-diagnostics': { severity: 'info', text: 'Ytterligare {count} meddelanden av typen {code} visas inte.' },

  // --- amounts -----------------------------------------------------------------------------------------------
  'amount.missing': { severity: 'error', text: 'Belopp saknas i kolumnen {column} ("{value}"). Ett tomt belopp läses aldrig som 0; fyll i 0 om det är menat.' },
  'amount.unparseable': { severity: 'error', text: 'Värdet "{value}" i kolumnen {column} är inte ett belopp. Skriv beloppet med decimalkomma, t.ex. 1234,50 eller -1 234,50.' },
  'amount.ambiguous-period': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} är tvetydigt: punkten kan vara tusentalsavgränsare eller decimaltecken. Använd decimalkomma, eller ange amounts.periodThousands: true för källan om punkten avgränsar tusental.' },
  'amount.mixed-locale': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} blandar komma och punkt (engelskt talformat?). Exportera med svenska talinställningar: decimalkomma och mellanslag som tusentalsavgränsare.' },
  'amount.bad-grouping': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} har felaktig siffergruppering (tusentalsgrupper ska ha tre siffror). Kontrollera värdet.' },
  'amount.too-many-decimals': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} har fler decimaler än {max}; det avrundas inte i tysthet. Rätta värdet eller ange rätt enhet (unit) för källan.' },
  'amount.trailing-minus': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} har minustecknet efter talet. Ange amounts.trailingMinus: true för källan om exporten skriver negativa tal så.' },
  'amount.parentheses': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} står inom parentes. Ange amounts.parenthesesNegative: true för källan om parentes betyder minus.' },
  'amount.currency': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} innehåller en valutabeteckning. Ta bort den i exporten eller ange amounts.stripCurrency: true.' },
  'amount.currency-stripped': { severity: 'warning', text: 'Valutabeteckningen i "{value}" (kolumnen {column}) togs bort; beloppet lästes i kronor.' },
  'amount.foreign-currency': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} är i en annan valuta än kronor. Räkna om till kronor i exporten.' },
  'amount.apostrophe-stripped': { severity: 'warning', text: 'Det inledande apostroftecknet i "{value}" (kolumnen {column}, Excels textmarkering) togs bort.' },
  'amount.invisible-character': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} innehåller ett osynligt tecken ({character}). Skriv om värdet utan dolda tecken.' },
  'amount.non-ascii-digit': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} innehåller siffror som inte är 0–9 (t.ex. helbredds- eller arabiska siffror). Skriv om värdet med vanliga siffror.' },
  'amount.too-large': { severity: 'error', text: 'Beloppet "{value}" i kolumnen {column} är för stort för att räknas exakt. Kontrollera värdet och enheten (unit).' },

  // --- periods -----------------------------------------------------------------------------------------------
  'period.unparseable': { severity: 'error', text: 'Värdet "{value}" i kolumnen {column} är ingen period. Använd ÅÅÅÅMM (202408), ÅÅÅÅ-MM (2024-08), ÅÅMM eller månadsnamn (aug-24, augusti 2024).' },
  'period.invalid': { severity: 'error', text: 'Perioden "{value}" i kolumnen {column} finns inte i kalendern ({detail}). Rätta värdet.' },
  'period.ambiguous': { severity: 'error', text: 'Datumet "{value}" i kolumnen {column} är tvetydigt (dag/månad eller månad/dag). Använd ÅÅÅÅ-MM-DD eller ÅÅÅÅMM.' },
  'period.not-a-month': { severity: 'error', text: 'Värdet "{value}" i kolumnen {column} avser {detail}, inte en enskild månad. Filen ska ha en rad per månad; ta bort ackumulerade rader eller helårsrader.' },
  'period.mixed-format': { severity: 'error', text: 'Kolumnen {column} blandar periodformat: "{value}" här men "{first}" på rad {firstRow}. Blandade format tyder på blandade månads- och ackumulerade rader; exportera med ett format.' },
  'period.serial-out-of-range': { severity: 'error', text: 'Talet {value} i kolumnen {column} ligger utanför rimliga datum (år 2000–2100) för ett Excel-datum. Formatera kolumnen som datum eller skriv perioden som ÅÅÅÅMM.' },

  // --- huvudbok ----------------------------------------------------------------------------------------------
  'ledger.duplicate-key': { severity: 'error', text: 'Ansvar {costCentre}, konto {account}, period {period} förekommer redan på rad {firstRow}. En saldoexport ska ha en rad per ansvar, konto och period; kontrollera exporten eller ange duplicates: sum för källan om raderna ska summeras.' },
  'ledger.duplicates-summed': { severity: 'warning', text: '{count} rader hade samma ansvar, konto och period som en tidigare rad och summerades (t.ex. rad {rows}), enligt duplicates: sum.' },
  'ledger.sum-rows-excluded': { severity: 'warning', text: '{count} summeringsrader (t.ex. rad {rows}: "{example}") räknades inte in; beloppen räknas fram från detaljraderna.' },
  'ledger.sum-mismatch': { severity: 'error', text: 'Summeringsraden "{label}" anger {column} {value} kr men detaljraderna ovanför summerar till {sum} kr (skillnad {diff} kr). Exporten är ofullständig eller felaktig; exportera på nytt.' },
  'ledger.total-missing': { severity: 'error', text: 'Filen har summeringsrader men slutar med {rows} detaljrader efter den sista (rad {first}–{last}) utan en summeringsrad som stänger dem. Exporten ser avkortad ut; exportera på nytt.' },
  'ledger.empty-key-row': { severity: 'warning', text: '{count} rader utan ansvar eller konto och utan belopp hoppades över (t.ex. rad {rows}).' },
  'ledger.missing-code': { severity: 'error', text: 'Raden har belopp men saknar {column} ("{value}"). Fyll i koden.' },

  // --- organisation, kontogrupper, investeringar, prognoser ---------------------------------------------------
  'organisation.duplicate-cost-centre': { severity: 'error', text: 'Ansvaret {value} finns redan på rad {firstRow}. Varje ansvar ska stå på en rad i organisationsfilen.' },
  'investments.duplicate-project': { severity: 'error', text: 'Projektet {value} finns redan på rad {firstRow}. Varje projekt ska stå på en rad.' },
  'forecasts.key-columns': { severity: 'error', text: 'Prognoskällan ska ange exakt en av columns.account och columns.reportRow (nu: {detail}).' },
  'forecasts.duplicate': { severity: 'error', text: 'Prognosen för tillfälle {occasion}, ansvar {costCentre} och {key} finns redan på rad {firstRow}. Ta bort dubbletten.' },
} as const satisfies Catalogue;
