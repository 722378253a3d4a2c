import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { detectHost } from '../src/hosts/detect.js';

const HostType = { Excel: 'Excel', Word: 'Word', Outlook: 'Outlook', PowerPoint: 'PowerPoint' };

/**
 * An office.js `Office` global whose onReady behaves as given. The common
 * `Office` namespace has plain values (no load/sync, unlike Excel and Word
 * objects), which is the mock's Outlook mode.
 */
function office(onReady: () => Promise<unknown>): typeof Office {
  return new OfficeMockObject({ HostType, onReady }, 'outlook' as never) as unknown as typeof Office;
}

describe('Host detection', function () {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  it('runs in browser mode when office.js is not on the page', async function () {
    assert.equal((await detectHost()).kind, 'browser');
  });

  it('picks the Office host office.js reports, with that host\'s actions', async function () {
    const excel = await detectHost(office(async () => ({ host: HostType.Excel, platform: 'PC' })));
    assert.equal(excel.kind, 'excel');
    assert.equal(typeof (excel as { pullTable?: unknown }).pullTable, 'function');
    const word = await detectHost(office(async () => ({ host: HostType.Word })));
    assert.equal(word.kind, 'word');
    assert.equal(typeof (word as { insertParagraphs?: unknown }).insertParagraphs, 'function');
    const outlook = await detectHost(office(async () => ({ host: HostType.Outlook })));
    assert.equal(outlook.kind, 'outlook');
    assert.equal(typeof (outlook as { currentMessage?: unknown }).currentMessage, 'function');
  });

  it('reads the Office global set by office.js when none is passed', async function () {
    (globalThis as Record<string, unknown>).Office = office(async () => ({ host: HostType.Word }));
    assert.equal((await detectHost()).kind, 'word');
  });

  it('runs in browser mode when the task-pane page is opened in a browser tab (onReady reports no host)', async function () {
    assert.equal((await detectHost(office(async () => ({ host: null, platform: null })))).kind, 'browser');
  });

  it('runs in browser mode in an Office application it has no screens for', async function () {
    assert.equal((await detectHost(office(async () => ({ host: HostType.PowerPoint })))).kind, 'browser');
  });

  it('runs in browser mode when onReady never answers, after the timeout', async function () {
    const host = await detectHost(office(() => new Promise(() => undefined)), 20);
    assert.equal(host.kind, 'browser');
  });

  it('runs in browser mode when onReady fails or throws', async function () {
    assert.equal((await detectHost(office(() => Promise.reject(new Error('office.js failed'))), 1000)).kind, 'browser');
    assert.equal((await detectHost(office(() => { throw new Error('not initialised'); }), 1000)).kind, 'browser');
  });
});
