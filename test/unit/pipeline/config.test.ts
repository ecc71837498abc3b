import { describe, expect, it } from 'vitest';
import { ConfigError, parsePipelineConfig } from '../../../shared/config.ts';

const base = { TABLE_NAME: 'tickets', RAW_MAIL_BUCKET: 'raw', SUPPORT_ADDRESS: 'Support@KDP.example.com' };

describe('pipeline config', () => {
  it('applies defaults and derives the reply sender and Message-ID domain', () => {
    expect(parsePipelineConfig(base)).toEqual({
      tableName: 'tickets',
      rawMailBucket: 'raw',
      rawMailPrefix: 'inbound/',
      supportAddresses: ['support@kdp.example.com'],
      replyFrom: { address: 'support@kdp.example.com', name: 'KDP Support' },
      messageIdDomain: 'kdp.example.com',
      autoReplyWindowHours: 24,
      confidenceThreshold: null,
      maxStoredTextBytes: 32_768,
      replyLeaseMs: 300_000,
      serviceName: 'kdp-triage',
      metricsNamespace: 'KdpTriage',
    });
  });

  it('reads a list of support addresses, the first being the From', () => {
    const config = parsePipelineConfig({ ...base, SUPPORT_ADDRESS: ' help@a.example , support@b.example ', CONFIDENCE_THRESHOLD: '0.7', AUTO_REPLY_WINDOW_HOURS: '6' });
    expect(config.supportAddresses).toEqual(['help@a.example', 'support@b.example']);
    expect(config.replyFrom.address).toBe('help@a.example');
    expect(config.confidenceThreshold).toBe(0.7);
    expect(config.autoReplyWindowHours).toBe(6);
  });

  it('fails loudly, naming every missing or malformed variable', () => {
    expect(() => parsePipelineConfig({})).toThrow(ConfigError);
    try {
      parsePipelineConfig({ RAW_MAIL_BUCKET: 'raw', SUPPORT_ADDRESS: 'Support <s@x.example>', CONFIDENCE_THRESHOLD: '3' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/TABLE_NAME/);
      expect((error as Error).message).toMatch(/SUPPORT_ADDRESS/);
      expect((error as Error).message).toMatch(/CONFIDENCE_THRESHOLD/);
    }
  });
});
