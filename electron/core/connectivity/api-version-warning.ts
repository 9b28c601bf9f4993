import type { ApiVersionDto } from '@shared/types/connectivity';
import type { ApiVersionReport } from '../whatsapp/client';

function major(version: string): number {
  return Number(/^v?(\d+)/i.exec(version.trim())?.[1] ?? NaN);
}

/**
 * What Settings says when Meta answers with another Graph API version than asked: which was asked,
 * which answered, and what to do. Meta serves an expired version's calls with the oldest version
 * still running (reference §1), so a newer answer means the configured one has expired.
 */
export function apiVersionWarning(report: ApiVersionReport): string | null {
  if (!report.mismatch || !report.answered) return null;
  const { asked, answered } = report;
  const fix =
    `Set api_version = "${answered}" (or newer) under [whatsapp] in config.toml and restart Wapidesk, ` +
    'after reading what changed in Meta’s Graph API changelog.';
  if (major(answered) > major(asked)) {
    return (
      `Wapidesk asks Meta for Graph API ${asked}, but Meta answers with ${answered}: ${asked} has ` +
      `probably expired, and Meta now serves its calls with ${answered}. ${fix}`
    );
  }
  return (
    `Wapidesk asks Meta for Graph API ${asked}, but Meta answers with ${answered}: ${asked} may not be ` +
    `available to this app yet. ${fix}`
  );
}

export function apiVersionDto(report: ApiVersionReport | null, configured: string): ApiVersionDto {
  if (!report) return { asked: configured, answered: null, answeredAt: null, warning: null };
  return {
    asked: report.asked,
    answered: report.answered,
    answeredAt: report.answeredAt,
    warning: apiVersionWarning(report),
  };
}
