/**
 * Parts of layout files that several layout tests use, indented for a table under `blocks:` (ten spaces), to be put
 * into a layout's text after the table's id and title.
 */

/** Columns målvärde, utfall, uppfyllnad and status, one row per indicator. */
export const INDICATOR_COLUMNS_AND_ROWS = `          columns:
            - { measure: indikatorMalvarde }
            - { measure: indikatorUtfall }
            - { measure: indikatorUppfyllnad }
            - { measure: indikatorStatus }
          rows:
            - { kind: indicators }
`;

/** Sick leave the year before, this year and the change, one row per child unit and a total row "Totalt". */
export const SICK_LEAVE_PER_CHILD = `          labelHeading: Delområde
          columns:
            - { measure: sjukfranvaroForegaendeAr }
            - { measure: sjukfranvaro }
            - { measure: sjukfranvaroForandring }
          rows:
            - { kind: children }
            - { kind: net, label: Totalt }
`;
