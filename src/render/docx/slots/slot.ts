/**
 * Text slots: each place in a Word report where people write (a narrative) is a rich-text content control (`w:sdt`
 * without a type, which Word calls "Innehållskontroll för RTF-text"), so the text can be found and read back
 * (`rapport texts import`) and the figures around it stay ordinary content.
 *
 * The control carries:
 * - its title (`w:alias`), which Word shows on the control: "Ekonomisk analys – skrivs av ansvarig";
 * - its tag (`w:tag`): `rapport:<unit id>/<key>#<hash>`, the hash being that of the text as generated (the Markdown
 *   `slotMarkdown` reads from it), filled in when the package is finished (`finish.ts`);
 * - a lock against deleting the control by mistake (its content stays editable);
 * - `w:showingPlcHdr` when the slot holds only the "Text saknas" marker, so one click in Word selects the marker and
 *   typing replaces it.
 */
import { BuilderElement, EmptyElement, FileChild, StringValueElement, type XmlComponent } from 'docx';

/** The tag's prefix: content controls whose tag starts with it are rapport's text slots. */
export const SLOT_TAG_PREFIX = 'rapport:';

/** `rapport:<unit>/<key>` (without the hash), as written before the package is finished. */
export function slotTag(unitId: string, key: string): string {
  return `${SLOT_TAG_PREFIX}${unitId}/${key}`;
}

/** Reads a slot's tag: unit, key and (once finished) hash. Undefined when the tag is not a rapport slot's. */
export function parseSlotTag(tag: string): { unitId: string; key: string; hash?: string } | undefined {
  if (!tag.startsWith(SLOT_TAG_PREFIX)) return undefined;
  const m = /^([^/#]+)\/([^/#]+)(?:#([0-9a-f]+))?$/.exec(tag.slice(SLOT_TAG_PREFIX.length));
  if (!m) return undefined;
  return { unitId: m[1]!, key: m[2]!, ...(m[3] ? { hash: m[3] } : {}) };
}

/** The title Word shows on a slot: "Sammanfattning – skrivs av ansvarig". */
export function slotTitle(sectionTitle: string): string {
  return `${sectionTitle} – skrivs av ansvarig`;
}

export interface TextSlotOptions {
  readonly unitId: string;
  readonly key: string;
  /** The section's title, for the control's title. */
  readonly title: string;
  /** The slot holds only the "Text saknas" marker. */
  readonly placeholder: boolean;
  readonly children: readonly FileChild[];
}

class ValueElement extends BuilderElement<{ readonly val: string }> {
  constructor(name: string, val: string) {
    super({ name, attributes: { val: { key: 'w:val', value: val } } });
  }
}

/** A block-level rich-text content control around a narrative's paragraphs and tables. */
export class TextSlot extends FileChild {
  constructor(options: TextSlotOptions) {
    super('w:sdt');
    const properties: XmlComponent[] = [
      new StringValueElement('w:alias', slotTitle(options.title)),
      new StringValueElement('w:tag', slotTag(options.unitId, options.key)),
      new ValueElement('w:lock', 'sdtLocked'),
      ...(options.placeholder ? [new EmptyElement('w:showingPlcHdr')] : []),
    ];
    this.root.push(new BuilderElement({ name: 'w:sdtPr', children: properties }));
    this.root.push(new BuilderElement({ name: 'w:sdtContent', children: options.children }));
  }
}

/** The draft's marker of a missing text, as it is printed in a slot: "[Text saknas: 3.1 Ekonomisk analys (ekonomisk-analys) – skrivs av ansvarig]". */
export function missingTextMarker(where: string, key: string): string {
  return `[Text saknas: ${where} (${key}) – skrivs av ansvarig]`;
}

/** A paragraph's text that is only the marker of a missing text (left by the writer, or by a client that kept it). */
export const MISSING_MARKER = /^\[Text saknas: .* \([a-z0-9-]+\) – skrivs av ansvarig\]$/;
