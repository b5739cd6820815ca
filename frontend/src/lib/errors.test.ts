import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { errorText, fieldError, fieldKey, formErrors, unclaimed } from './errors';

const invalid = (message: string) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code: 'INVALID_INPUT' } })] });

describe('validation error mapping', () => {
  it('normalises the field names the services use', () => {
    expect(fieldKey('frequency_minutes')).toBe('frequencyMinutes');
    expect(fieldKey('include_paths')).toBe('includePaths');
    expect(fieldKey('policy.waveSize')).toBe('policy.waveSize');
    expect(fieldKey('filter.gpuModels[2]')).toBe('filter.gpuModels');
  });

  it('puts an INVALID_INPUT message at its field', () => {
    const e = formErrors(invalid("include_paths: must be an absolute path starting with / (got 'data')"));
    expect(e.fields).toEqual({ includePaths: "must be an absolute path starting with / (got 'data')" });
    expect(e.general).toEqual([]);
    expect(fieldError(e, 'includePaths')).toMatch(/absolute path/);
  });

  it('finds a prefixed field by its short name and the other way round', () => {
    const e = formErrors(invalid('filter.reliabilityMin: must be between 0 and 1 (got 7.0)'));
    expect(fieldError(e, 'filter.reliabilityMin')).toBe('must be between 0 and 1 (got 7.0)');
    const short = formErrors(invalid('snapshotId: no completed snapshot with this id'));
    expect(fieldError(short, 'input.snapshotId')).toBe('no completed snapshot with this id');
  });

  it('keeps errors that no field shows, so none disappears', () => {
    const e = formErrors(invalid('instance_id: no such instance'));
    expect(unclaimed(e, ['includePaths', 'excludePaths'])).toEqual(['instanceId: no such instance']);
    expect(unclaimed(e, ['instanceId'])).toEqual([]);
  });

  it('puts every field of one refusal at its own field', () => {
    const e = formErrors(new CombinedError({ graphQLErrors: [new GraphQLError(
      'image: must be a container image reference; diskGb: must be between 10 and 4000 (got 5)',
      { extensions: { code: 'INVALID_INPUT', fieldErrors: [
        { field: 'image', message: 'must be a container image reference' },
        { field: 'diskGb', message: 'must be between 10 and 4000 (got 5)' },
        { field: 'include_paths', message: "must be an absolute path (got 'a')" },
        { field: 'include_paths', message: "must be an absolute path (got 'b')" },
      ] } })] }));
    expect(e.fields).toEqual({
      image: 'must be a container image reference',
      diskGb: 'must be between 10 and 4000 (got 5)',
      includePaths: "must be an absolute path (got 'a'); must be an absolute path (got 'b')",
    });
    expect(e.general).toEqual([]);
  });

  it('an empty or malformed list falls back to the field the message names', () => {
    const e = formErrors(new CombinedError({ graphQLErrors: [new GraphQLError('policy.waveSize: must be between 1 and 20',
      { extensions: { code: 'INVALID_INPUT', fieldErrors: [{ field: 3 }] } })] }));
    expect(e.fields).toEqual({ 'policy.waveSize': 'must be between 1 and 20' });
    const other = formErrors(new CombinedError({ graphQLErrors: [new GraphQLError('not allowed here',
      { extensions: { code: 'FORBIDDEN', fieldErrors: [] } })] }));
    expect(other.general).toEqual(['Not allowed: not allowed here']);
  });

  it('other errors are general messages; a lost session says to log in again', () => {
    const e = formErrors(new CombinedError({ graphQLErrors: [new GraphQLError('Server Error')] }));
    expect(e.general[0]).toMatch(/unexpected error/);
    const net = new CombinedError({ networkError: new Error('401'), response: { status: 401 } });
    expect(formErrors(net).general).toEqual(['Your session has ended: log in again.']);
    expect(errorText(null)).toBeNull();
  });
});
