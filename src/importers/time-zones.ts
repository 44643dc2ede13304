/**
 * Zones for times written without a UTC offset: an IANA zone (from `--tz`, default the machine's) turns
 * a naive local wall-clock time into UTC, and a table maps zone abbreviations to fixed offsets.
 * Luxon answers "what is the offset of zone Z at local time T"; its answer is cached per local hour, so
 * a file of a million lines asks luxon once per hour of the file, not once per line.
 * NOTE: the cache is per local hour because zones change offset on hour boundaries; a zone whose
 * transition falls on a half hour (Australia/Lord_Howe) can be off for up to 30 minutes after it.
 * In the hour a clock is set back (e.g. 01:00–02:00 on the first Sunday of November in New York), a
 * naive time is ambiguous; luxon takes the later instant (standard time), and so do we.
 * A naive time in the hour skipped when clocks go forward is moved forward by luxon.
 */
import { DateTime, IANAZone } from 'luxon';
import { ApiError } from '../api/errors';
import { machineTimeZone } from './format';
import { daysFromCivil } from './time';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MAX_CACHED_HOURS = 100_000;

/**
 * UTC offsets in minutes of zone abbreviations, as log files write them.
 * NOTE: several abbreviations are ambiguous; the choices here follow what server logs most often mean:
 * IST is India (+05:30, not Irish or Israel Standard Time), CST is US Central (−06:00, not China
 * Standard Time), BST is British Summer Time (+01:00), AST is Atlantic (−04:00), EET/EEST Eastern
 * Europe. Pass the source's real zone with `--tz` when a file's abbreviation means something else.
 */
export const ZONE_ABBREVIATION_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  CET: 60, CEST: 120, MET: 60, MEST: 120, BST: 60, IST: 330, EET: 120, EEST: 180, MSK: 180,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** The zone to use for an import: `zone` when it is a valid IANA name, the machine's zone when absent. */
export function resolveTimeZone(zone: string | undefined): string {
  if (zone === undefined) return machineTimeZone();
  if (!IANAZone.isValidZone(zone)) {
    throw new ApiError('invalid_argument', `"${zone}" is not a time zone name; use an IANA name such as UTC, Europe/Berlin or America/New_York.`);
  }
  return zone;
}

/**
 * Converts naive local times in one IANA zone to UTC epoch ms, caching the offset of each local hour.
 * Create one per source (the cache is not shared between zones).
 */
export class LocalClock {
  private readonly offsetMsByHour = new Map<number, number>();
  private readonly isUtc: boolean;

  constructor(readonly zone: string) {
    this.isUtc = zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT' || zone === 'Etc/GMT';
  }

  /** UTC epoch ms of a wall-clock time in this zone (month 1..12, `ms` may carry the fraction of the second). */
  toUtcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
    return this.naiveToUtcMs(daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms);
  }

  /** UTC epoch ms of a wall-clock time given as "epoch ms as if the wall clock were UTC". */
  naiveToUtcMs(localMs: number): number {
    if (this.isUtc) return localMs;
    const hourKey = Math.floor(localMs / MS_PER_HOUR);
    let offsetMs = this.offsetMsByHour.get(hourKey);
    if (offsetMs === undefined) {
      const wall = DateTime.fromMillis(hourKey * MS_PER_HOUR, { zone: 'UTC' });
      const local = DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour }, { zone: this.zone });
      offsetMs = local.isValid ? local.offset * 60_000 : 0;
      if (this.offsetMsByHour.size >= MAX_CACHED_HOURS) this.offsetMsByHour.clear();
      this.offsetMsByHour.set(hourKey, offsetMs);
    }
    return localMs - offsetMs;
  }
}
