import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSort } from '../src/domain/product-sort.ts';
import {
  MAX_SEARCH_TEXT_LENGTH,
  normaliseSearchText,
  parseAttributeFilters,
  productQueryFrom,
} from '../src/domain/search-query.ts';

describe('search query normalisation', () => {
  it('turns blank text into no text and tidies the rest, keeping quotes and operators', () => {
    assert.equal(normaliseSearchText(undefined), null);
    assert.equal(normaliseSearchText('   \t\n '), null);
    assert.equal(normaliseSearchText('\u0000'), null);
    assert.equal(
      normaliseSearchText('  wireless\u0000  "noise cancelling"\n-cable '),
      'wireless "noise cancelling" -cable',
    );
    assert.equal(normaliseSearchText('x'.repeat(500))?.length, MAX_SEARCH_TEXT_LENGTH);
  });

  it('reads attr=name:value pairs, values of one name together, values may contain colons', () => {
    assert.deepEqual(
      parseAttributeFilters(['color:Red', 'size:M', 'color:Black', 'color:Red', 'ratio:16:9']),
      {
        color: ['Black', 'Red'],
        size: ['M'],
        ratio: ['16:9'],
      },
    );
  });

  it('makes one query of parameters that differ only in order, repeats or blanks', () => {
    const parameters = { attr: ['size:M', 'color:Red'], includeDiscontinued: false };
    const a = productQueryFrom({ ...parameters, q: ' lamp ', brand: ['B', 'A', 'B', ' '] });
    const b = productQueryFrom({
      ...parameters,
      q: 'lamp',
      brand: ['A', 'B'],
      attr: ['color:Red', 'size:M'],
    });
    assert.deepEqual(a, b);
    assert.deepEqual(a, {
      text: 'lamp',
      category: null,
      brands: ['A', 'B'],
      attributes: { color: ['Red'], size: ['M'] },
      includeDiscontinued: false,
    });
  });

  it('sorts by relevance only when there is text to rank by', () => {
    assert.equal(resolveSort(undefined, true), 'relevance');
    assert.equal(resolveSort(undefined, false), 'name');
    assert.equal(resolveSort('relevance', false), 'name');
    assert.equal(resolveSort('newest', true), 'newest');
  });
});
