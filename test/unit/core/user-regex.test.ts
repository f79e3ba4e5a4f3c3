import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userRegex } from '../../../core/src/expect/values.js';

void test('userRegex: compiles once, prefers unicode mode, falls back for legacy patterns', () => {
  assert.equal(userRegex('^a+$'), userRegex('^a+$'));
  assert.ok(userRegex('^\\p{Lu}').test('Ada'));
  assert.ok(userRegex('[\\w-.]').test('-')); // invalid in unicode mode, valid in legacy mode
});

void test('userRegex: an invalid pattern says so once, with the reason', () => {
  assert.throws(() => userRegex('('), {
    message: 'invalid regular expression /(/: Unterminated group',
  });
});
