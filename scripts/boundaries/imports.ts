import ts from 'typescript';

/** How a module is pulled in. `type` imports are erased from the emitted JavaScript. */
export type ImportKind = 'static' | 'type' | 'dynamic' | 'require';

/** One module reference in a source file. */
export interface ImportRef {
  /** The module specifier as written (`node:fs`, `@onshikit/apdu`, `./x.js`). */
  readonly specifier: string;
  /** 1-based line of the reference. */
  readonly line: number;
  readonly kind: ImportKind;
  /** True when it runs as the module loads (not inside a function, method or accessor body). */
  readonly topLevel: boolean;
}

/**
 * Lists the imports, re-exports, `require('…')` and `import('…')` calls with a string literal in
 * one TypeScript/JavaScript file. `import type` and `export type … from` count as `type`; an import
 * whose specifiers are all `type` but whose clause is not (`import { type A } from 'x'`) stays
 * `static`, because `verbatimModuleSyntax` keeps it as `import {} from 'x'`.
 */
export function listImports(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const found: ImportRef[] = [];
  const add = (literal: ts.Node, kind: ImportKind, topLevel: boolean): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    const { line } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    found.push({ specifier: literal.text, line: line + 1, kind, topLevel });
  };
  const visit = (node: ts.Node, topLevel: boolean): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'static', topLevel);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'static', topLevel);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? 'type' : 'require', topLevel);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const [first] = node.arguments;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && first) add(first, 'dynamic', topLevel);
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require' && first) {
        add(first, 'require', topLevel);
      }
    }
    const inner = topLevel && !isDeferredBody(node);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  ts.forEachChild(source, (child) => visit(child, true));
  return found;
}

/** Code inside these runs later (when called), not while the module loads. */
function isDeferredBody(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
