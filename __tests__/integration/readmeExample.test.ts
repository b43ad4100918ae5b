import { expect, it, jest } from '@jest/globals';

it('the README example boots three decorated services in order and serves them from container.get', async () => {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    await import('../../examples/readme.js');
  } finally {
    spy.mockRestore();
  }
  expect(lines).toEqual([
    'Config: loading',
    'Config: ready',
    'Database: loading',
    'Database: ready',
    'UserService: loading',
    'UserService: ready',
    '3/3 ready; db connected: true',
  ]);
});
