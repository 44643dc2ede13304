/**
 * Live follow in the incident header: a "Follow live" toggle that starts following files or folders
 * still being written (import.follow) and stops them (import.unfollow), and its state as text:
 * "Following 3 files — last line 2 s ago". New lines reach the timeline through `incident.changed`.
 */
import { useEffect, useState } from 'react';
import type { ApiResults } from '../../src/api/contract';
import { useApp } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatCountOf } from '../timeline/format-time';
import { PathDialog } from './PathDialog';

/** A followed path as import.following reports it. */
type FollowedPathInfo = ApiResults['import.following'][number];

/** How often the "last line … ago" text is brought up to date, in ms. */
const TICK_MS = 1000;

/** "2 s ago", "3 min ago", or "no new lines yet". */
export function lastLineText(lastLineAtMs: number | null, nowMs: number): string {
  if (lastLineAtMs === null) return 'no new lines yet';
  const agoS = Math.max(0, Math.round((nowMs - lastLineAtMs) / 1000));
  if (agoS < 90) return `last line ${agoS} s ago`;
  const agoMin = Math.round(agoS / 60);
  return agoMin < 90 ? `last line ${agoMin} min ago` : `last line ${Math.round(agoMin / 60)} h ago`;
}

/** The sentence that says what is followed, for the status text. */
export function followingText(followed: readonly FollowedPathInfo[], nowMs: number): string {
  const fileCount = followed.reduce((sum, path) => sum + path.fileCount, 0);
  const times = followed.map((path) => path.lastLineAtMs).filter((t): t is number => t !== null);
  const what = fileCount === 0 ? `Following ${formatCountOf(followed.length, 'folder')} (no files yet)` : `Following ${formatCountOf(fileCount, 'file')}`;
  return `${what} — ${lastLineText(times.length > 0 ? Math.max(...times) : null, nowMs)}`;
}

/** Props: whether the incident can take new lines (not read-only, nothing else running). */
export interface FollowControlProps {
  isDisabled: boolean;
}

/** The toggle, its status text and (in the browser shell) the dialog asking which paths to follow. */
export function FollowControl({ isDisabled }: FollowControlProps) {
  const { store, client } = useApp();
  const [followed, setFollowed] = useState<FollowedPathInfo[]>([]);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [isAsking, setAsking] = useState(false);
  const [isStarting, setStarting] = useState(false);
  const isFollowing = followed.length > 0;

  useEffect(() => {
    let isCurrent = true;
    const reload = () =>
      client.api['import.following']({}).then(
        (result) => {
          if (isCurrent) setFollowed(result);
        },
        (error: unknown) => store.getState().showError(errorSentence(error)),
      );
    void reload();
    const unsubscribe = client.on('incident.changed', () => void reload());
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [client, store]);

  useEffect(() => {
    if (!isFollowing) return;
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [isFollowing]);

  const start = async (paths: string[]) => {
    setStarting(true);
    try {
      setFollowed(await client.api['import.follow']({ paths }));
      setNowMs(Date.now());
    } catch (error) {
      store.getState().showError(errorSentence(error));
    } finally {
      setStarting(false);
    }
  };

  const toggle = async () => {
    if (isFollowing) {
      try {
        setFollowed(await client.api['import.unfollow']({}));
      } catch (error) {
        store.getState().showError(errorSentence(error));
      }
      return;
    }
    if (client.transport === 'electron') {
      const paths = await client.pick('import-paths');
      if (paths !== null && paths.length > 0) await start(paths);
      return;
    }
    setAsking(true);
  };

  return (
    <>
      <button
        type="button"
        className="follow-toggle"
        aria-pressed={isFollowing}
        disabled={(isDisabled && !isFollowing) || isStarting}
        title={isFollowing ? 'Stop reading new lines' : 'Keep importing lines as files are written'}
        onClick={() => void toggle()}
      >
        {isFollowing ? 'Following live' : 'Follow live…'}
      </button>
      {(isFollowing || isStarting) && (
        <span className="follow-status" role="status" data-testid="follow-status" title={followed.map((path) => path.path).join('\n')}>
          {isStarting ? 'Starting to follow…' : followingText(followed, nowMs)}
        </span>
      )}
      {isAsking && (
        <PathDialog
          title="Follow files live"
          description="Files or folders on the machine running Hindsight that are still being written; what they hold now is imported first, then every new line within a second."
          fieldLabel="Files or folders to follow, one per line"
          confirmLabel="Follow"
          initialValue=""
          isMultiple
          onCancel={() => setAsking(false)}
          onConfirm={(paths) => {
            setAsking(false);
            void start(paths);
          }}
        />
      )}
    </>
  );
}
