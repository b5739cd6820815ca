import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router-dom';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { GraphQLError } from 'graphql';
import { render } from '../test-utils';
import { RentOfferDialog, RentOfferForm, type RentableOffer } from './RentOfferDialog';

afterEach(cleanup);

const offer: RentableOffer = {
  provider: 'local', offerId: 'offer-local-h007', hostId: 'local-h007', gpuModel: 'RTX 4090', gpuCount: 1,
  pricePerHour: 0.35, diskGb: 200, verified: true, defaultImage: 'pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime',
  defaultDiskGb: 50,
};

const refused = new CombinedError({ graphQLErrors: [new GraphQLError('image: …; diskGb: …', { extensions: {
  code: 'INVALID_INPUT', fieldErrors: [
    { field: 'image', message: 'must be a container image reference: lowercase letters, digits and . _ / : @ - (at most 200)' },
    { field: 'diskGb', message: 'must be between 10 and 4000 (got 5)' },
  ] } })] });

function Machine() {
  return <h1>machine {useParams().id}</h1>;
}

function renderDialog(answer: { data?: unknown; error?: CombinedError }) {
  const executeMutation = vi.fn((operation: { variables: unknown }) => fromValue({ operation, ...answer }));
  const client = { executeMutation: (req: { variables: unknown }) => executeMutation(req) } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/offers']}>
        <Routes>
          <Route path="/offers" element={<RentOfferDialog offer={offer} onClose={() => {}} />} />
          <Route path="/machines/:id" element={<Machine />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return executeMutation;
}

const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement;

describe('RentOfferDialog', () => {
  it('shows the offer price and starts from its default image and disk', () => {
    renderDialog({});
    expect(screen.getByTestId('rent-price').textContent).toBe('$0.350/h');
    expect(input('image').value).toBe('pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime');
    expect(input('diskGb').value).toBe('50');
    expect(screen.getByRole('button', { name: 'Rent for $0.350/h' })).toBeTruthy();
  });

  it('rents exactly this offer with what was typed, then shows the machine', async () => {
    const sent = renderDialog({ data: { createInstance: { id: 'i-42', status: 'PROVISIONING' } } });
    fireEvent.change(input('image'), { target: { value: 'ubuntu:22.04' } });
    fireEvent.change(input('diskGb'), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: /^Rent for/ }));
    await screen.findByRole('heading', { name: 'machine i-42' });
    expect(sent.mock.calls[0][0].variables).toEqual({
      input: { provider: 'local', offerId: 'offer-local-h007', image: 'ubuntu:22.04', diskGb: 120 },
    });
  });

  it('puts both refused fields beside their inputs and keeps what was typed', async () => {
    renderDialog({ error: refused });
    fireEvent.change(input('image'), { target: { value: 'Not An Image!' } });
    fireEvent.change(input('diskGb'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: /^Rent for/ }));
    await waitFor(() => expect(document.getElementById('err-diskGb')?.textContent).toBe('must be between 10 and 4000 (got 5)'));
    expect(document.getElementById('err-image')?.textContent).toMatch(/container image reference/);
    expect(input('image').getAttribute('aria-invalid')).toBe('true');
    expect(input('diskGb').getAttribute('aria-invalid')).toBe('true');
    expect(input('image').value).toBe('Not An Image!');
    expect(input('diskGb').value).toBe('5');
    expect(screen.queryByRole('heading', { name: /machine/ })).toBeNull();
  });

  it('a disk that is not a whole number is refused at its field without asking the server', () => {
    const sent = renderDialog({});
    fireEvent.change(input('diskGb'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: /^Rent for/ }));
    expect(document.getElementById('err-diskGb')?.textContent).toBe('must be a whole number of GB');
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('RentOfferForm', () => {
  it('a field error no input owns is a banner, not lost', () => {
    render(<RentOfferForm offer={offer} values={{ image: '', diskGb: '' }} onChange={() => {}} busy={false}
      onSubmit={() => {}} onCancel={() => {}} errors={{ fields: { offerId: 'no offer at local' }, general: [] }} />);
    expect(screen.getByRole('alert').textContent).toBe('offerId: no offer at local');
  });
});
