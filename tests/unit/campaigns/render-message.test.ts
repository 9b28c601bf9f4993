import { describe, expect, it } from 'vitest';
import type { VariableBinding } from '@shared/types/campaigns';
import { RenderError, renderCampaignMessage } from '../../../electron/core/campaigns/render-message';

const positional = {
  name: 'spring_sale',
  language: 'en_US',
  parameterFormat: 'POSITIONAL',
  components: JSON.stringify([
    { type: 'HEADER', format: 'TEXT', text: 'Hello {{1}}' },
    { type: 'BODY', text: '{{1}}% off until {{2}}!' },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Shop now' }] },
  ]),
};

const bind = (b: Partial<VariableBinding> & Pick<VariableBinding, 'placeholder'>): VariableBinding => ({
  component: 'body',
  source: 'fixed',
  value: '',
  fallback: '',
  ...b,
});

const asha = { id: 7, name: 'Asha', phone: '+919800000001', email: null, attributes: { discount: '30' } };

describe('renderCampaignMessage', () => {
  const bindings = [
    bind({ component: 'header', placeholder: '1', source: 'name', fallback: 'friend' }),
    bind({ placeholder: '1', source: 'attribute', value: 'discount', fallback: '10' }),
    bind({ placeholder: '2', value: 'Sunday' }),
  ];

  it('fills positional parameters from the contact, and shows the message as it will read', () => {
    const { content, rendered, text } = renderCampaignMessage({
      template: positional,
      bindings,
      mediaHeader: null,
      contact: asha,
    });
    expect(content).toEqual({
      name: 'spring_sale',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Asha' }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '30' },
            { type: 'text', text: 'Sunday' },
          ],
        },
      ],
    });
    expect(text).toBe('30% off until Sunday!');
    expect(rendered).toEqual({
      header: { format: 'TEXT', text: 'Hello Asha', mediaUrl: null },
      body: '30% off until Sunday!',
      footer: 'Reply STOP to opt out',
      buttons: [{ type: 'QUICK_REPLY', text: 'Shop now' }],
      recipient: { contactId: 7, name: 'Asha', phone: '+919800000001' },
    });
  });

  it('uses fallbacks without a contact or when a field is empty, and cleans what Meta refuses', () => {
    expect(
      renderCampaignMessage({ template: positional, bindings, mediaHeader: null, contact: null }).text,
    ).toBe('10% off until Sunday!');
    const spaced = { ...asha, attributes: { discount: ' 3\n0\t ' } };
    expect(
      renderCampaignMessage({ template: positional, bindings, mediaHeader: null, contact: spaced }).text,
    ).toBe('3 0% off until Sunday!');
  });

  it('names the placeholder that has no value', () => {
    const noFallback = [bindings[0]!, bind({ placeholder: '1', source: 'email' }), bindings[2]!];
    const render = () =>
      renderCampaignMessage({ template: positional, bindings: noFallback, mediaHeader: null, contact: asha });
    expect(render).toThrow(RenderError);
    expect(render).toThrow(/\{\{1\}\} in the body/);
  });

  it('sends named parameters with their names, and a media header by id or link', () => {
    const named = {
      name: 'booking_reminder',
      language: 'en_US',
      parameterFormat: 'NAMED',
      components: JSON.stringify([
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'Hi {{first_name}}!' },
      ]),
    };
    const { content, rendered } = renderCampaignMessage({
      template: named,
      bindings: [bind({ placeholder: 'first_name', source: 'name' })],
      mediaHeader: { ref: { id: 'wa-media-1' }, displayUrl: '/media/x.jpg' },
      contact: asha,
    });
    expect(content.components).toEqual([
      { type: 'header', parameters: [{ type: 'image', image: { id: 'wa-media-1' } }] },
      { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Asha' }] },
    ]);
    expect(rendered.header).toEqual({ format: 'IMAGE', text: null, mediaUrl: '/media/x.jpg' });
    expect(() =>
      renderCampaignMessage({ template: named, bindings: [], mediaHeader: null, contact: asha }),
    ).toThrow(/image header/);
  });
});
