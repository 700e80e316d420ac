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
  signatureChecked,
  rejectedDeliveries,
}: {
  callbackUrl: string;
  verifyToken: string | null;
  signatureChecked: boolean;
  rejectedDeliveries: number;
}) {
  const [showToken, setShowToken] = useState(false);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Callback</CardTitle>
        <CardDescription>Paste these into the webhook settings of your Meta app (WhatsApp › Configuration).</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-2">
          <Label htmlFor="callback-url">Callback URL</Label>
          <div className="flex gap-2">
            <Input id="callback-url" readOnly value={callbackUrl} className="font-mono text-xs" />
            <CopyButton value={callbackUrl} label="Copy callback URL" />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="verify-token">Verify token</Label>
          {verifyToken ? (
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
          ) : (
            <p className="text-sm text-muted-foreground">
              Not set: Meta&apos;s handshake will be refused. Set WHATSAPP_VERIFY_TOKEN and restart the dashboard.
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {signatureChecked ? (
            <Badge variant="success">
              <ShieldCheck aria-hidden /> Signatures checked
            </Badge>
          ) : (
            <Badge variant="destructive">
              <ShieldAlert aria-hidden /> No app secret
            </Badge>
          )}
          <span className="text-muted-foreground">
            {signatureChecked
              ? "Every delivery must carry a valid X-Hub-Signature-256; others are refused and only counted."
              : "WHATSAPP_APP_SECRET is not set, so every delivery is refused. Set it to your Meta app's secret."}
          </span>
          <span className="text-muted-foreground" data-testid="rejected-count">
            Refused so far: <strong className="font-medium text-foreground">{rejectedDeliveries}</strong>
          </span>
        </div>
      </CardContent>
    </Card>
  );
}
