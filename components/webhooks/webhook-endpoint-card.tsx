"use client";

import { Check, Copy, Eye, EyeOff, ShieldAlert, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="outline"
      size="icon"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("The browser did not allow copying; select the text and copy it by hand.");
        }
      }}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
    </Button>
  );
}

/** The values to paste into the Meta app's webhook settings, and how deliveries are checked. */
export function WebhookEndpointCard({
  callbackUrl,
  verifyToken,
  mode,
  rejectedDeliveries,
}: {
  callbackUrl: string;
  verifyToken: string;
  mode: "signature" | "token";
  rejectedDeliveries: number;
}) {
  const [showToken, setShowToken] = useState(false);
  const [showUrl, setShowUrl] = useState(false);
  const signatureChecked = mode === "signature";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Callback</CardTitle>
        <CardDescription>
          The dashboard registers this callback on every linked account below. With a Meta app of your own, paste these
          into its webhook settings (WhatsApp › Configuration) instead.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-2">
          <Label htmlFor="callback-url">Callback URL</Label>
          <div className="flex gap-2">
            <Input
              id="callback-url"
              readOnly
              type={signatureChecked || showUrl ? "text" : "password"}
              value={callbackUrl}
              className="font-mono text-xs"
            />
            {signatureChecked ? null : (
              <Button
                type="button"
                variant="outline"
                size="icon"
                aria-label={showUrl ? "Hide callback URL" : "Show callback URL"}
                onClick={() => setShowUrl((shown) => !shown)}
              >
                {showUrl ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
              </Button>
            )}
            <CopyButton value={callbackUrl} label="Copy callback URL" />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="verify-token">Verify token</Label>
          <div className="flex gap-2">
            <Input
              id="verify-token"
              readOnly
              type={showToken ? "text" : "password"}
              value={verifyToken}
              className="font-mono text-xs"
            />
            <Button
              type="button"
              variant="outline"
              size="icon"
              aria-label={showToken ? "Hide verify token" : "Show verify token"}
              onClick={() => setShowToken((shown) => !shown)}
            >
              {showToken ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
            </Button>
            <CopyButton value={verifyToken} label="Copy verify token" />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {signatureChecked ? (
            <Badge variant="success">
              <ShieldCheck aria-hidden /> Signatures checked
            </Badge>
          ) : (
            <Badge variant="info">
              <ShieldAlert aria-hidden /> Callback token checked
            </Badge>
          )}
          <span className="text-muted-foreground">
            {signatureChecked
              ? "Every delivery must carry a valid X-Hub-Signature-256; others are refused and only counted."
              : "No app secret is set (deliveries come through Maton's Meta app), so the secret token in the callback URL authenticates them; others are refused and only counted."}
          </span>
          <span className="text-muted-foreground" data-testid="rejected-count">
            Refused so far: <strong className="font-medium text-foreground">{rejectedDeliveries}</strong>
          </span>
        </div>
      </CardContent>
    </Card>
  );
}
