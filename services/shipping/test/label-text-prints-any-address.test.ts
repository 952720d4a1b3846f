import assert from 'node:assert/strict';
import { it } from 'node:test';
import { labelText } from '../src/label/shipping-label.ts';

it('keeps what the label font has, drops accents it lacks, and prints other scripts as ?', () => {
  assert.equal(labelText('Müller-Straße, Café'), 'Müller-Straße, Café');
  assert.equal(labelText('Gdańsk, Łódź'), 'Gdansk, Lódz'); // ó is in Windows-1252, ń and ź are not
  assert.equal(labelText('Ő Ű ş ț'), 'O U s t');
  assert.equal(labelText('東京 1-2'), '?? 1-2');
  // Decomposed input (e + combining acute) is the same letter.
  assert.equal(labelText('Cafe\u0301'), 'Café');
  assert.equal(labelText('📦'), '?');
});
