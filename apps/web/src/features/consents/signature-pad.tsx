import { Box, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef, useState, type PointerEvent } from 'react';

const WIDTH = 600;
const HEIGHT = 200;

/**
 * A drawing pad for a handwritten signature: finger, pen or mouse through pointer events, exported as a PNG data URL
 * (600×200, a few kilobytes). Drawing is not possible by keyboard, so the signing page always offers a typed name
 * as the accessible way to sign; this pad is the optional alternative.
 */
export function SignaturePad(props: { onChange: (dataUrl: string | null) => void; error?: string | undefined }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * WIDTH, y: ((e.clientY - rect.top) / rect.height) * HEIGHT };
  };

  const start = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const { x, y } = point(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y + 0.1);
    ctx.stroke();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    const { x, y } = point(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  };
  const end = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    setEmpty(false);
    props.onChange(e.currentTarget.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    setEmpty(true);
    props.onChange(null);
  };

  return (
    <div>
      <Box
        style={{
          border: `1px solid ${props.error ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-5)'}`,
          borderRadius: 4,
          background: '#fff',
          maxWidth: WIDTH,
        }}
      >
        <canvas
          ref={canvas}
          width={WIDTH}
          height={HEIGHT}
          role="img"
          aria-label={empty ? 'Signature pad, empty. Draw with a finger, pen or mouse.' : 'Signature pad with a drawn signature'}
          style={{
            width: '100%',
            height: 'auto',
            aspectRatio: `${WIDTH} / ${HEIGHT}`,
            touchAction: 'none',
            display: 'block',
            cursor: 'crosshair',
          }}
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
        />
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="sm" c={props.error ? 'red' : 'dimmed'}>
          {props.error ?? 'Sign inside the box.'}
        </Text>
        <Button variant="subtle" size="xs" onClick={clear} disabled={empty}>
          Clear
        </Button>
      </Group>
    </div>
  );
}
