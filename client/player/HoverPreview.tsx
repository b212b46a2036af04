/**
 * The picture under the pointer on the timeline: a small muted second <video> of the same file
 * that seeks to the hovered moment. Seeks are not queued: while one runs, only the latest wanted
 * time is remembered, so a quick sweep over the timeline does not pile up range requests.
 */
import { useEffect, useRef } from 'react';

export function HoverPreview({ url, time }: { url: string; time: number }) {
  const video = useRef<HTMLVideoElement>(null);
  const wanted = useRef(time);

  useEffect(() => {
    wanted.current = time;
    const v = video.current;
    if (v !== null && !v.seeking && v.readyState >= 1) v.currentTime = time;
  }, [time]);

  useEffect(() => {
    const v = video.current;
    if (v === null) return;
    const follow = (): void => {
      if (Math.abs(v.currentTime - wanted.current) > 0.05) v.currentTime = wanted.current;
    };
    v.addEventListener('seeked', follow);
    v.addEventListener('loadedmetadata', follow);
    return () => {
      v.removeEventListener('seeked', follow);
      v.removeEventListener('loadedmetadata', follow);
    };
  }, []);

  return (
    <video
      ref={video}
      className="room-timeline__preview"
      src={url}
      muted
      preload="metadata"
      playsInline
      disablePictureInPicture
      controlsList="nodownload noremoteplayback"
      onContextMenu={(event) => event.preventDefault()}
      tabIndex={-1}
    />
  );
}
