/**
 * What a name stands for within one macro file, as far as a `const` says: `const C = xapi.Command`, `const { Status }
 * = xapi`, `const params = { Level: 50 }`, `const LEVEL = 150`. One pass records every binding of every name with
 * the scope it lives in (blocks, functions, the file); a name then resolves to the innermost binding whose scope
 * holds it. Only a `const` resolves: a `let`, `var`, parameter, function or import of that name in a nearer scope
 * hides any outer `const`, and the analyser stays silent there (what it cannot decide gets no diagnostic).
 */
import ts from 'typescript';

/** A `const` binding's value: the initializer, or for a destructured name the member of it (`{ Status } = xapi`). */
export interface ConstValue {
  readonly init: ts.Expression;
  /** The property read from `init` (`Status` of `const { Status } = xapi`); undefined for a plain `const x = init`. */
  readonly member?: string;
}

interface Binding {
  readonly scope: ts.Node;
  readonly value?: ConstValue;
  /** A `const` object whose members are written somewhere (`p.x = 1`, `p[k] = v`, `delete p.x`, `p.x++`). */
  mutated?: boolean;
}

/** Whether `access` is written to: the left of an assignment, or the operand of `delete`, `++` or `--`. */
function isWritten(access: ts.Expression): boolean {
  let n: ts.Node = access;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if (ts.isDeleteExpression(p)) return true;
  return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p))
    && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
}

function isFunctionLike(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)
    || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);
}

/** The node a declaration's name is visible in. */
function scopeOf(decl: ts.Node, functionScoped: boolean): ts.Node {
  let n: ts.Node = decl.parent;
  while (n.parent) {
    if (isFunctionLike(n) || ts.isSourceFile(n)) return n;
    if (!functionScoped && (ts.isBlock(n) || ts.isCaseBlock(n) || ts.isModuleBlock(n) || ts.isForStatement(n)
      || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isCatchClause(n))) return n;
    n = n.parent;
  }
  return n;
}

/**
 * Whether an object's name goes somewhere that may change it: another name (`const q = p`, `q = p`), the target of
 * `Object.assign` or `Object.defineProperty`, or an argument of a plain function (`fill(p)`). A method call's argument
 * (`xapi.Command.Dial(p)`, `console.log(p)`) is taken as a read.
 */
function escapes(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === id) return true;
  if (ts.isBinaryExpression(p) && p.right === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  if (!ts.isCallExpression(p) || !p.arguments.includes(id)) return false;
  const callee = p.expression;
  if (ts.isIdentifier(callee)) return true;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object'
    && /^(assign|defineProperty|defineProperties|setPrototypeOf)$/.test(callee.name.text) && p.arguments[0] === id;
}

function isPrimitive(e: ts.Expression): boolean {
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword
    || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand));
}

export class Bindings {
  private readonly byName = new Map<string, Binding[]>();

  constructor(sf: ts.SourceFile) {
    const add = (name: string, b: Binding) => {
      const list = this.byName.get(name);
      if (list) list.push(b);
      else this.byName.set(name, [b]);
    };
    /** Every identifier a binding name (or pattern) declares; `value` only for a const. */
    const declare = (name: ts.BindingName, scope: ts.Node, init: ts.Expression | undefined) => {
      if (ts.isIdentifier(name)) { add(name.text, { scope, value: init && { init } }); return; }
      for (const el of name.elements) {
        if (ts.isOmittedExpression(el)) continue;
        // `{ Status } = x` and `{ Status: S } = x` read a member; nested patterns, defaults and rests are not followed.
        const member = ts.isObjectBindingPattern(name) && !el.dotDotDotToken && !el.initializer && ts.isIdentifier(el.name)
          ? (el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.propertyName ? undefined : el.name.text)
          : undefined;
        if (ts.isIdentifier(el.name)) add(el.name.text, { scope, value: init && member !== undefined ? { init, member } : undefined });
        else declare(el.name, scope, undefined);
      }
    };
    const writes: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isIdentifier(n.expression) && isWritten(n)) {
        writes.push(n.expression);
      }
      if (ts.isIdentifier(n) && escapes(n)) writes.push(n);
      if (ts.isVariableDeclaration(n)) {
        const flags = ts.getCombinedNodeFlags(n);
        const isConst = (flags & ts.NodeFlags.Const) !== 0;
        const functionScoped = (flags & ts.NodeFlags.BlockScoped) === 0;
        declare(n.name, scopeOf(n, functionScoped), isConst ? n.initializer : undefined);
      } else if (ts.isParameter(n)) {
        declare(n.name, n.parent, undefined);
      } else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) {
        add(n.name.text, { scope: scopeOf(n, ts.isFunctionDeclaration(n)) });
      } else if ((ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) {
        add(n.name.text, { scope: n });
      } else if (ts.isImportClause(n) || ts.isImportSpecifier(n) || ts.isNamespaceImport(n)) {
        if (n.name) add(n.name.text, { scope: n.getSourceFile() });
      } else if (ts.isCatchClause(n) && n.variableDeclaration) {
        declare(n.variableDeclaration.name, n, undefined);
        ts.forEachChild(n.block, visit);
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    // A member written anywhere the binding is seen makes its object unknown (`const args = {}; args.Name = …`).
    for (const id of writes) {
      const b = this.binding(id);
      if (b) b.mutated = true;
    }
  }

  private binding(id: ts.Identifier): Binding | undefined {
    const list = this.byName.get(id.text);
    if (!list) return undefined;
    let best: Binding | undefined;
    for (const b of list) {
      if (id.pos < b.scope.pos || id.end > b.scope.end) continue;
      if (!best || b.scope.end - b.scope.pos < best.scope.end - best.scope.pos) best = b;
    }
    return best;
  }

  /**
   * The `const` value an identifier refers to at its place, if the innermost binding of its name is a `const` whose
   * members nothing writes.
   */
  resolve(id: ts.Identifier): ConstValue | undefined {
    const b = this.binding(id);
    // A string or number cannot be changed through its name: only an object's members can.
    return b && (!b.mutated || (b.value && isPrimitive(b.value.init))) ? b.value : undefined;
  }
}
