import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';

interface MediaVideoProps {
  track: MediaStreamTrack | null;
  testId: string;
  className?: string;
  /** Our own picture is shown mirrored, as people expect from a mirror. */
  mirrored?: boolean;
  label: string;
}

/**
 * A muted, inline, autoplaying <video> showing one track. Sound is played by a separate element,
 * so the picture can always autoplay.
 */
export function MediaVideo({ track, testId, className, mirrored = false, label }: MediaVideoProps): ReactElement {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    // React sets the muted property but not the attribute; set both so autoplay policies see it.
    video.muted = true;
    video.setAttribute('muted', '');
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) video.play().catch(() => undefined);
  }, [track]);

  return (
    <video
      ref={ref}
      className={`${className ?? ''}${mirrored ? ' video--mirrored' : ''}`}
      data-testid={testId}
      autoPlay
      playsInline
      muted
      aria-label={label}
    />
  );
}
