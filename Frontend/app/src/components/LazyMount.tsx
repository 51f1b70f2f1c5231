import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Mounts its children only while near the viewport and unmounts them once far away, keeping the same height, so
 * a tab with hundreds of charts holds uPlot instances only for the few on screen.
 */
export function LazyMount({ height, children, margin = '600px' }: { height: number; children: ReactNode; margin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [margin]);
  return (
    <div ref={ref} className="lazy-mount" data-mounted={visible} style={visible ? undefined : { minHeight: height }}>
      {visible ? children : null}
    </div>
  );
}
