import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../shared/codes/code.ts';
import { maskCertificate, scanView } from '../../shared/codes/scan-view.ts';
import { as, sampleInspection } from '../support/inspections.ts';

const timeZone = 'Asia/Shanghai';
const code: CodeRecord = { code: 'c', inspectionId: 'ins_1', state: 'active', issuedAt: '2030-02-20T00:00:00.000Z', expiresAt: '2030-04-03T00:00:00.000Z' };
const withFindings = sampleInspection({
  status: 'rectifying',
  result: {
    outcome: 'rectify',
    findings: [{ item: 'Kitchen hygiene', description: 'Grease on the hood', severity: 'minor', guidance: 'Clean weekly', deadline: '2030-04-01' }],
    recordedBy: 'insp-a',
    recordedAt: '2030-03-02T10:00:00.000Z',
  },
});

describe('what a scan shows', () => {
  it('shows anyone the legitimacy view, and nothing of the results', () => {
    const view = scanView(withFindings, code, undefined, timeZone);
    expect(view.viewer).toBe('public');
    expect(view).not.toHaveProperty('details');
    expect(JSON.stringify(view)).not.toContain('Grease');
    expect(view.inspection.contact.phone).toBe('+86 21 6000 1234');
  });

  it("masks inspectors' certificate numbers for everyone", () => {
    expect(scanView(withFindings, code, as.company, timeZone).inspection.inspectors[0]!.certificateNo).toBe('SH**********21');
    expect(maskCertificate('1234')).toBe('****');
  });

  it('shows the inspected company its findings, guidance and deadlines', () => {
    const view = scanView(withFindings, code, as.company, timeZone);
    expect(view.viewer).toBe('company');
    expect('details' in view && view.details.result?.findings[0]?.guidance).toBe('Clean weekly');
  });

  it('shows the staff in charge the details too', () => {
    expect(scanView(withFindings, code, as.lead, timeZone).viewer).toBe('staff');
    expect(scanView(withFindings, code, as.supervisor, timeZone).viewer).toBe('staff');
    expect(scanView(withFindings, code, as.cityWideSupervisor, timeZone).viewer).toBe('staff');
  });

  it('treats another company, an unassigned inspector and another department like the public', () => {
    for (const principal of [as.otherCompany, as.strangerInspector, as.otherSupervisor]) {
      expect(scanView(withFindings, code, principal, timeZone)).not.toHaveProperty('details');
    }
  });
});
