/**
 * The default report's look: page, fonts, paragraph styles and lists. Styles carry Word's built-in names ("heading 1",
 * "caption", "TOC Heading") so a reader's Word, screen readers and organisation templates recognise them; our own
 * styles have Swedish names. Every colour here has a contrast of at least 4.5:1 against its background (checked by
 * `checkAccessibility` in the tests).
 */
import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type INumberingOptions,
  type IParagraphStyleOptions,
  type IStylesOptions,
} from 'docx';

export const FONT = 'Calibri';
/** Half-points, as Word counts font sizes. */
export const SIZE = { body: 22, table: 18, tableSmall: 16, note: 16, header: 16 } as const;

export const COLOR = {
  text: '000000',
  heading: '1F3864',
  muted: '595959',
  rule: '404040',
  headerFill: 'E7ECF3',
  sectionFill: 'F2F2F2',
  missingFill: 'FFF2CC',
  missingBorder: 'C55A11',
  caveatFill: 'F2F2F2',
  caveatBorder: '1F4E79',
  draftedBorder: 'A6A6A6',
} as const;

/** Status symbol colours: the symbol also has its own shape and a word beside it, so colour is never alone. */
export const STATUS_COLOR = {
  helt: '1E7B34',
  delvis: '8A5A00',
  inte: 'C00000',
  ingaData: '595959',
} as const;

/** Chart series colours: dark enough for 3:1 against white (non-text contrast), told apart by line dash and marker too. */
export const SERIES_COLORS = ['1F4E79', 'C55A11', '548235', '7030A0', '595959'] as const;

/** A4 in twips; margins 2.5 cm. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: 1418,
  header: 709,
  footer: 709,
} as const;

export const TEXT_WIDTH = { portrait: PAGE.width - 2 * PAGE.margin, landscape: PAGE.height - 2 * PAGE.margin } as const;

export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  titleMeta: 'Titelsidauppgift',
  tocHeading: 'TOCHeading',
  caption: 'Caption',
  tableText: 'Tabelltext',
  tableNote: 'Tabellnot',
  drafted: 'Utkasttext',
  missing: 'SaknadText',
  caveat: 'Observera',
  chart: 'Diagram',
  header: 'Header',
  footer: 'Footer',
} as const;

export const LIST = { bullet: 'punktlista', numbered: 'numrerad' } as const;

function heading(level: number, size: number, italics = false): IParagraphStyleOptions {
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, italics, color: COLOR.heading },
    paragraph: {
      outlineLevel: level - 1,
      keepNext: true,
      keepLines: true,
      spacing: { before: level === 1 ? 360 : 240, after: 120 },
    },
  };
}

export function documentStyles(options: { final: boolean }): IStylesOptions {
  const thin = (color: string) => ({ style: BorderStyle.SINGLE, size: 4, color, space: 4 });
  return {
    default: {
      document: {
        run: { font: FONT, size: SIZE.body, color: COLOR.text, language: { value: 'sv-SE', eastAsia: 'sv-SE', bidirectional: 'sv-SE' } },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles: [
      heading(1, 32),
      heading(2, 26),
      heading(3, 24),
      heading(4, 22, true),
      heading(5, 22),
      heading(6, 22, true),
      {
        id: STYLE.title,
        name: 'Title',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 56, bold: true, color: COLOR.heading },
        paragraph: { spacing: { before: 2400, after: 240 } },
      },
      {
        id: STYLE.subtitle,
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 32, color: COLOR.heading },
        paragraph: { spacing: { after: 480 } },
      },
      { id: STYLE.titleMeta, name: 'Titelsida uppgift', basedOn: 'Normal', run: { size: 24 }, paragraph: { spacing: { after: 60 } } },
      {
        id: STYLE.tocHeading,
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: 32, bold: true, color: COLOR.heading },
        paragraph: { outlineLevel: 9, spacing: { before: 0, after: 240 } },
      },
      {
        id: STYLE.caption,
        name: 'caption',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 20, bold: true, color: COLOR.heading },
        paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 80 } },
      },
      { id: STYLE.tableText, name: 'Tabelltext', basedOn: 'Normal', run: { size: SIZE.table }, paragraph: { spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: STYLE.tableNote, name: 'Tabellnot', basedOn: 'Normal', run: { size: SIZE.note, color: COLOR.muted }, paragraph: { spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
      {
        id: STYLE.drafted,
        name: 'Utkasttext',
        basedOn: 'Normal',
        // In a draft, a thin grey rule at the left shows which text rapport wrote; the final report looks like Normal.
        ...(options.final ? {} : { paragraph: { border: { left: thin(COLOR.draftedBorder) }, indent: { left: 120 } } }),
      },
      {
        id: STYLE.missing,
        name: 'Saknad text',
        basedOn: 'Normal',
        run: { bold: true, color: COLOR.text },
        paragraph: {
          shading: { type: 'clear', color: 'auto', fill: COLOR.missingFill },
          border: {
            top: { style: BorderStyle.SINGLE, size: 12, color: COLOR.missingBorder, space: 4 },
            bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOR.missingBorder, space: 4 },
            left: { style: BorderStyle.SINGLE, size: 12, color: COLOR.missingBorder, space: 4 },
            right: { style: BorderStyle.SINGLE, size: 12, color: COLOR.missingBorder, space: 4 },
          },
          spacing: { before: 120, after: 240 },
        },
      },
      {
        id: STYLE.caveat,
        name: 'Observera',
        basedOn: 'Normal',
        paragraph: {
          shading: { type: 'clear', color: 'auto', fill: COLOR.caveatFill },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLOR.caveatBorder, space: 6 } },
          indent: { left: 170 },
        },
      },
      { id: STYLE.chart, name: 'Diagram', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: STYLE.header, name: 'header', basedOn: 'Normal', run: { size: SIZE.header, color: COLOR.muted }, paragraph: { spacing: { after: 0 } } },
      { id: STYLE.footer, name: 'footer', basedOn: 'Normal', run: { size: SIZE.header, color: COLOR.muted }, paragraph: { spacing: { after: 0 } } },
    ],
  };
}

export function documentNumbering(): INumberingOptions {
  const bullets = ['•', '–', '•'];
  return {
    config: [
      {
        reference: LIST.bullet,
        levels: bullets.map((text, level) => ({
          level,
          format: LevelFormat.BULLET,
          text,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
        })),
      },
      {
        reference: LIST.numbered,
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 360 } } } },
          { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } },
          { level: 2, format: LevelFormat.LOWER_ROMAN, text: '%3.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 1080, hanging: 360 } } } },
        ],
      },
    ],
  };
}
