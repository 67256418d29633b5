import { describe, expect, it } from 'vitest';
import { isKnownPlaceholder, ReplyMacro, ReplyMacroInput, replyTemplateIssues } from './intelligence';

describe('reply placeholders', () => {
  it('accepts every documented placeholder and data.* keys', () => {
    expect(replyTemplateIssues('Hi {{customer.firstName}}, {{ order.id }} {{agent.name}} {{data.device}}')).toEqual([]);
    expect(isKnownPlaceholder('data.KEY')).toBe(true);
    expect(isKnownPlaceholder('customer.nickname')).toBe(false);
    expect(replyTemplateIssues('No placeholders at all, just {braces}.')).toEqual([]);
  });

  it('names syntax errors with their position and unknown names', () => {
    expect(replyTemplateIssues('Hi {{customer.firstName')).toEqual(['bad placeholder syntax at character 4: "{{" is not closed by "}}"']);
    expect(replyTemplateIssues('Hi }} there')).toEqual(['bad placeholder syntax at character 4: "}}" without an opening "{{"']);
    expect(replyTemplateIssues('{{a {{customer.name}}')).toEqual(['bad placeholder syntax at character 1: "{{" is not closed by "}}"']);
    expect(replyTemplateIssues('{{}} {{first name}}')).toEqual([
      'bad placeholder syntax: {{}} is not a name like {{customer.firstName}}',
      'bad placeholder syntax: {{first name}} is not a name like {{customer.firstName}}',
    ]);
    expect(replyTemplateIssues('{{order.number}}')[0]).toMatch(/^unknown placeholder \{\{order\.number\}\}; known ones: /);
  });

  it('is part of the macro schema, so files and the editor are checked alike', () => {
    const macro = { id: 'x', title: 'T', intent: 'i', text: 'Hi {{customer.nick}}', examples: ['e'] };
    const parsed = ReplyMacro.safeParse(macro);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['text'] });
    expect(ReplyMacroInput.parse({ title: ' T ', intent: ' i ', text: ' Hi {{customer.name}} ', examples: [' e '] })).toEqual({ title: 'T', intent: 'i', text: 'Hi {{customer.name}}', examples: ['e'] });
  });
});
