/**
 * Panel XML as a tree with every element's exact range, read on through half-typed and broken XML: what the
 * language service needs at each keystroke (completion inside an unclosed `<Widget>`, a diagnostic under the one bad
 * tag, the rest still checked). XML parsers answer a different question — is this document well formed, and what
 * does it say — and stop at, or only report, the first break; so this small reader of the subset panels use
 * (elements, text, comments, CDATA, the five entities and character references; no namespaces, no DTD) is ours.
 */

export interface XmlElement {
  readonly name: string;
  /** `<` of its opening tag. */
  readonly start: number;
  /** Its name in the opening tag. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** After the opening tag's `>` (its content starts here). */
  openEnd: number;
  /** After its closing tag (or after its content when it was never closed). */
  end: number;
  /** `<Name/>` */
  selfClosing: boolean;
  /** Its closing tag was found. */
  closed: boolean;
  readonly children: XmlElement[];
  /** Its own text (not its children's), entities decoded, trimmed. */
  text: string;
  /** Where that text is in the document (trimmed); both at openEnd when there is none. */
  textStart: number;
  textEnd: number;
  readonly parent?: XmlElement;
}

export interface XmlProblem { readonly start: number; readonly end: number; readonly message: string }

export interface XmlDocument {
  /** Top-level elements (a panel document has one: `<Extensions>`). */
  readonly roots: readonly XmlElement[];
  readonly problems: readonly XmlProblem[];
  /** The elements open at the end of the text, outermost first (completion asks this of the text before the cursor). */
  readonly openAtEnd: readonly XmlElement[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** Reads `text` (positions are offsets in it, plus `base`: a panel inside a macro's string starts there). */
export function parseXml(text: string, base = 0): XmlDocument {
  const roots: XmlElement[] = [];
  const problems: XmlProblem[] = [];
  const stack: XmlElement[] = [];
  const rawText = new Map<XmlElement, { parts: string[]; first: number; last: number }>();
  const problem = (start: number, end: number, message: string) => problems.push({ start: base + start, end: base + end, message });
  const addText = (from: number, to: number, decoded?: string) => {
    const top = stack.at(-1);
    const raw = text.slice(from, to);
    if (!top) {
      if (raw.trim()) problem(from, to, 'text outside any element');
      return;
    }
    if (!raw.trim()) return;
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    const t = rawText.get(top) ?? { parts: [], first: from + lead, last: to - trail };
    t.parts.push(decoded ?? decode(raw));
    t.last = to - trail;
    rawText.set(top, t);
  };
  const close = (el: XmlElement, end: number) => {
    el.end = base + end;
    const t = rawText.get(el);
    el.text = t ? t.parts.join('').trim() : '';
    el.textStart = t ? base + t.first : el.openEnd;
    el.textEnd = t ? base + t.last : el.openEnd;
  };

  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) { addText(i, text.length); break; }
    if (lt > i) addText(i, lt);
    if (text.startsWith('<!--', lt)) {
      const endAt = text.indexOf('-->', lt + 4);
      if (endAt < 0) { problem(lt, text.length, 'a comment that is never closed (-->)'); break; }
      i = endAt + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const endAt = text.indexOf(']]>', lt + 9);
      const stop = endAt < 0 ? text.length : endAt;
      addText(lt + 9, stop, text.slice(lt + 9, stop));
      if (endAt < 0) { problem(lt, text.length, 'a CDATA section that is never closed (]]>)'); break; }
      i = endAt + 3;
      continue;
    }
    if (text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const endAt = text.indexOf('>', lt + 2);
      i = endAt < 0 ? text.length : endAt + 1;
      continue;
    }
    const closing = text[lt + 1] === '/';
    const nameStart = lt + (closing ? 2 : 1);
    const name = /^[A-Za-z_][\w.-]*/.exec(text.slice(nameStart))?.[0] ?? '';
    const nameEnd = nameStart + name.length;
    const gt = text.indexOf('>', nameEnd);
    const nextLt = text.indexOf('<', nameEnd);
    // A tag still being typed (`<Wid` at the end, or before the next tag): no element, but its parent stays open.
    if (gt < 0 || (nextLt >= 0 && nextLt < gt)) {
      if (!name) problem(lt, lt + 1, 'a lone <');
      i = nextLt >= 0 && (gt < 0 || nextLt < gt) ? nextLt : text.length;
      continue;
    }
    if (!name) { problem(lt, gt + 1, 'a tag without a name'); i = gt + 1; continue; }
    if (closing) {
      const at = stack.map(e => e.name).lastIndexOf(name);
      if (at < 0) problem(lt, gt + 1, `</${name}> closes nothing`);
      else {
        for (const unclosed of stack.splice(at + 1).reverse()) {
          problem(unclosed.nameStart - base, unclosed.nameEnd - base, `<${unclosed.name}> is not closed before </${name}>`);
          close(unclosed, lt);
        }
        const el = stack.pop()!;
        el.closed = true;
        close(el, gt + 1);
      }
      i = gt + 1;
      continue;
    }
    const selfClosing = text[gt - 1] === '/';
    const attributes = text.slice(nameEnd, selfClosing ? gt - 1 : gt).trim();
    if (attributes) problem(nameEnd, gt, `attributes are not part of the panel format: the device reads elements only (<${name}>)`);
    const parent = stack.at(-1);
    const el: XmlElement = {
      name, start: base + lt, nameStart: base + nameStart, nameEnd: base + nameEnd, openEnd: base + gt + 1, end: base + gt + 1,
      selfClosing, closed: selfClosing, children: [], text: '', textStart: base + gt + 1, textEnd: base + gt + 1, ...(parent ? { parent } : {}),
    };
    (parent ? parent.children : roots).push(el);
    if (!selfClosing) stack.push(el);
    i = gt + 1;
  }
  const openAtEnd = [...stack];
  for (const el of stack.reverse()) {
    problem(el.nameStart - base, el.nameEnd - base, `<${el.name}> is not closed`);
    close(el, text.length);
  }
  return { roots, problems, openAtEnd };
}

/** Every element of the tree, depth first. */
export function* allElements(roots: readonly XmlElement[]): Generator<XmlElement> {
  for (const r of roots) {
    yield r;
    yield* allElements(r.children);
  }
}
