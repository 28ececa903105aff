import { describe, expect, it } from 'vitest';
import { signupErrorText, subscribedStatus } from './signup';

describe('visitor signup', () => {
  it('shows a validation message without the field name', () => {
    expect(signupErrorText('email: Enter a valid email address')).toBe('Enter a valid email address');
    expect(signupErrorText('email: Too long; name: Required')).toBe('Too long; Required');
    // The Functions SDK appends the HTTP status to a callable's message.
    expect(signupErrorText('email: Enter a valid email address [400]')).toBe('Enter a valid email address');
  });
  it('keeps a message that names no field', () => {
    expect(signupErrorText('Too many requests. Try again later.')).toBe('Too many requests. Try again later.');
  });
  it('turns bare error codes and empty messages into a retry hint', () => {
    expect(signupErrorText('internal [500]')).toBe('Something went wrong. Please try again in a moment.');
    expect(signupErrorText('deadline-exceeded')).toBe('Something went wrong. Please try again in a moment.');
    expect(signupErrorText('')).toBe('Something went wrong. Please try again in a moment.');
  });
  it('reads the confirmation status, treating anything unknown as invalid', () => {
    expect(subscribedStatus('ok')).toBe('ok');
    expect(subscribedStatus('invalid')).toBe('invalid');
    expect(subscribedStatus(['ok'])).toBe('invalid');
    expect(subscribedStatus(undefined)).toBe('invalid');
  });
});
