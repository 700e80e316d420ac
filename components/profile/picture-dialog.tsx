"use client";

import { ImageUpIcon, Loader2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { useTranslate } from "@/components/i18n/use-translate";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { formatFileSize } from "@/lib/i18n/format";
import { translateMessage } from "@/lib/i18n/translatable";
import { PROFILE_PICTURE_MAX_BYTES, PROFILE_PICTURE_SIZE, checkProfilePicture } from "@/lib/whatsapp/profile";

interface Crop {
  zoom: number;
  /** Centre of the square, as a share of the image (0..1). */
  x: number;
  y: number;
}

const PREVIEW = 240;
/** Below this side WhatsApp shows a picture blurred. */
const MIN_SIDE = 192;

/** The square of the image shown for a crop: side and top-left corner in image pixels. */
function cropRect(image: HTMLImageElement, crop: Crop) {
  const side = Math.min(image.naturalWidth, image.naturalHeight) / crop.zoom;
  const clamp = (centre: number, extent: number) => Math.min(Math.max(centre * extent - side / 2, 0), extent - side);
  return { side, left: clamp(crop.x, image.naturalWidth), top: clamp(crop.y, image.naturalHeight) };
}

function draw(canvas: HTMLCanvasElement, image: HTMLImageElement, crop: Crop, size: number) {
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d");
  if (!context) return;
  const { side, left, top } = cropRect(image, crop);
  context.fillStyle = "#fff"; // a transparent PNG becomes white, as a JPEG must
  context.fillRect(0, 0, size, size);
  context.imageSmoothingQuality = "high";
  context.drawImage(image, left, top, side, side, 0, 0, size, size);
}

/**
 * Choose a JPEG/PNG (at most 5 MB, checked before anything is sent), crop it to a square in the browser
 * (drag to move, slider to zoom), see it as WhatsApp shows it (round), and upload the 640×640 JPEG.
 */
export function PictureDialog({ onUpload, uploading, error }: { onUpload: (picture: Blob) => Promise<boolean>; uploading: boolean; error: string | null }) {
  const t = useTranslations("profile.picture");
  const translate = useTranslate();
  const format = useFormatter();
  const [open, setOpen] = React.useState(false);
  const [image, setImage] = React.useState<HTMLImageElement | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [crop, setCrop] = React.useState<Crop>({ zoom: 1, x: 0.5, y: 0.5 });
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const drag = React.useRef<{ x: number; y: number; crop: Crop } | null>(null);

  React.useEffect(() => {
    if (image && canvasRef.current) draw(canvasRef.current, image, crop, PREVIEW);
  }, [image, crop]);

  const reset = () => {
    setImage(null);
    setProblem(null);
    setCrop({ zoom: 1, x: 0.5, y: 0.5 });
  };

  const onFile = (file: File | undefined) => {
    setProblem(null);
    setImage(null);
    if (!file) return;
    const check = checkProfilePicture({ type: file.type, size: file.size }, format);
    if (!check.ok) {
      setProblem(translateMessage(translate, check.reason));
      return;
    }
    const url = URL.createObjectURL(file);
    const next = new Image();
    next.onload = () => {
      if (Math.min(next.naturalWidth, next.naturalHeight) < MIN_SIDE) setProblem(t("tooSmall", { min: MIN_SIDE }));
      setImage(next);
      setCrop({ zoom: 1, x: 0.5, y: 0.5 });
    };
    next.onerror = () => setProblem(t("unreadable"));
    next.src = url;
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, crop };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drag.current || !image) return;
    const start = drag.current;
    const { side } = cropRect(image, start.crop);
    const scale = side / PREVIEW;
    setCrop({
      ...start.crop,
      x: Math.min(Math.max(start.crop.x - ((event.clientX - start.x) * scale) / image.naturalWidth, 0), 1),
      y: Math.min(Math.max(start.crop.y - ((event.clientY - start.y) * scale) / image.naturalHeight, 0), 1),
    });
  };

  const upload = async () => {
    if (!image) return;
    const canvas = document.createElement("canvas");
    draw(canvas, image, crop, PROFILE_PICTURE_SIZE);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
    if (!blob) {
      setProblem(t("cropFailed"));
      return;
    }
    if (await onUpload(blob)) {
      setOpen(false);
      reset();
    }
  };

  const shown = problem ?? error;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm">
          <ImageUpIcon aria-hidden="true" />
          {t("change")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description", { max: formatFileSize(format, PROFILE_PICTURE_MAX_BYTES), size: PROFILE_PICTURE_SIZE })}</DialogDescription>
        </DialogHeader>
        <div className="space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor="profile-picture-file">{t("file")}</Label>
            <input
              id="profile-picture-file"
              type="file"
              accept="image/jpeg,image/png"
              aria-describedby={shown ? "profile-picture-problem" : undefined}
              onChange={(event) => onFile(event.target.files?.[0])}
              className="block w-full text-sm file:me-3 file:rounded-md file:border-0 file:bg-secondary file:px-3 file:py-1.5 file:text-sm file:font-medium"
            />
          </div>
          {image ? (
            <div className="flex flex-col items-center gap-3 sm:flex-row sm:items-start">
              <canvas
                ref={canvasRef}
                width={PREVIEW}
                height={PREVIEW}
                role="img"
                aria-label={t("cropLabel")}
                className="size-60 cursor-move touch-none rounded-lg border"
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={() => (drag.current = null)}
              />
              <div className="flex w-full flex-col items-center gap-3">
                <CircleThumb image={image} crop={crop} />
                <div className="w-full space-y-1">
                  <Label htmlFor="profile-picture-zoom">{t("zoom")}</Label>
                  <input
                    id="profile-picture-zoom"
                    type="range"
                    min={1}
                    max={4}
                    step={0.05}
                    value={crop.zoom}
                    onChange={(event) => setCrop((current) => ({ ...current, zoom: Number(event.target.value) }))}
                    className="w-full accent-primary"
                  />
                </div>
              </div>
            </div>
          ) : null}
          {shown ? (
            <p id="profile-picture-problem" role="alert" className="text-sm text-destructive">
              {shown}
            </p>
          ) : null}
        </div>
        <DialogFooter>
          <Button type="button" onClick={() => void upload()} disabled={!image || uploading}>
            {uploading ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            {t("upload")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The crop as WhatsApp shows it: a small circle. */
function CircleThumb({ image, crop }: { image: HTMLImageElement; crop: Crop }) {
  const t = useTranslations("profile.picture");
  const ref = React.useRef<HTMLCanvasElement>(null);
  React.useEffect(() => {
    if (ref.current) draw(ref.current, image, crop, 96);
  }, [image, crop]);
  return (
    <figure className="flex flex-col items-center gap-1">
      <canvas ref={ref} width={96} height={96} role="img" aria-label={t("thumbLabel")} className="size-24 rounded-full border" />
      <figcaption className="text-xs text-muted-foreground">{t("thumbCaption")}</figcaption>
    </figure>
  );
}
