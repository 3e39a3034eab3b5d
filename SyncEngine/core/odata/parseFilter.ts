import {
  COMPARISON_OPERATORS,
  STRING_FUNCTIONS,
  type ComparisonOperator,
  type FilterNode,
  type OperandNode,
  type StringFunction,
} from './FilterNode';
import { syntaxError, tokenize, type Token } from './tokenize';

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null', ...COMPARISON_OPERATORS]);

/**
 * Parses an OData `$filter` expression (the subset Dataverse views and offline profiles use) into a tree.
 * Precedence follows OData: `not` binds tightest, then comparisons, then `and`, then `or`.
 * @throws ConfigError naming the position and token of the first syntax error.
 */
export function parseFilter(text: string): FilterNode {
  const parser = new FilterParser(text);
  return parser.parseAll();
}

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): FilterNode {
    if (this.peek().type === 'end') throw this.error('an expression');
    const node = this.parseOr();
    if (this.peek().type !== 'end') throw this.error("'and', 'or' or the end of the expression");
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.acceptKeyword('or')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.acceptKeyword('and')) left = { kind: 'and', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.acceptKeyword('not')) return { kind: 'not', operand: this.parseUnary() };
    const token = this.peek();
    if (token.type === 'open') {
      this.index += 1;
      const inner = this.parseOr();
      this.expect('close', "')'");
      return inner;
    }
    if (token.type === 'identifier' && this.tokens.at(this.index + 1)?.type === 'open') return this.parseFunction();
    return this.parseComparison();
  }

  private parseFunction(): FilterNode {
    const nameToken = this.next();
    const name = nameToken.text.toLowerCase();
    if (!(STRING_FUNCTIONS as readonly string[]).includes(name)) {
      throw syntaxError(this.source, nameToken.position, nameToken.text, 'contains, startswith or endswith');
    }
    this.expect('open', "'('");
    const column = this.expectColumn();
    this.expect('comma', "','");
    const value = this.next();
    if (value.type !== 'string') throw syntaxError(this.source, value.position, value.text, 'a string literal');
    this.expect('close', "')'");
    return { kind: 'function', name: name as StringFunction, column, value: value.value };
  }

  private parseComparison(): FilterNode {
    const left = this.parseOperand();
    const operatorToken = this.next();
    const operator = operatorToken.type === 'identifier' ? operatorToken.text.toLowerCase() : '';
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(operator)) {
      throw syntaxError(this.source, operatorToken.position, operatorToken.text, 'a comparison operator (eq, ne, gt, ge, lt, le)');
    }
    const right = this.parseOperand();
    return { kind: 'compare', operator: operator as ComparisonOperator, left, right };
  }

  private parseOperand(): OperandNode {
    const token = this.next();
    switch (token.type) {
      case 'string':
        return { kind: 'literal', type: 'string', value: token.value };
      case 'number':
        return { kind: 'literal', type: 'number', value: token.value };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: token.text.toLowerCase() };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: token.text, instant: token.instant };
      case 'identifier':
        return identifierOperand(this.source, token);
      default:
        throw syntaxError(this.source, token.position, token.text, 'a column or a literal');
    }
  }

  private expectColumn(): string {
    const token = this.next();
    if (token.type !== 'identifier' || KEYWORDS.has(token.text.toLowerCase())) {
      throw syntaxError(this.source, token.position, token.text, 'a column name');
    }
    return token.text;
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.type !== 'identifier' || token.text.toLowerCase() !== keyword) return false;
    this.index += 1;
    return true;
  }

  private expect(type: Token['type'], description: string): void {
    const token = this.next();
    if (token.type !== type) throw syntaxError(this.source, token.position, token.text, description);
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private error(expected: string): Error {
    const token = this.peek();
    return syntaxError(this.source, token.position, token.text, expected);
  }
}

function identifierOperand(source: string, token: Token): OperandNode {
  const lower = token.text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'literal', type: 'boolean', value: lower === 'true' };
  if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
  if (KEYWORDS.has(lower)) throw syntaxError(source, token.position, token.text, 'a column or a literal');
  return { kind: 'column', name: token.text };
}
