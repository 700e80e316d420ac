"use client";

import { Eye, EyeOff, ShieldAlert, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

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
  const t = useTranslations("webhooks.endpoint");
  const [showToken, setShowToken] = useState(false);
  const [showUrl, setShowUrl] = useState(false);
  const signatureChecked = mode === "signature";
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-2">
          <Label htmlFor="callback-url">{t("callbackUrl")}</Label>
          <div className="flex gap-2">
            <Input
              id="callback-url"
              readOnly
              type={signatureChecked || showUrl ? "text" : "password"}
              value={callbackUrl}
              dir="ltr"
              className="font-mono text-xs"
            />
            {signatureChecked ? null : (
              <Button
                type="button"
                variant="outline"
                size="icon"
                aria-label={showUrl ? t("hideCallbackUrl") : t("showCallbackUrl")}
                onClick={() => setShowUrl((shown) => !shown)}
              >
                {showUrl ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
              </Button>
            )}
            <CopyButton value={callbackUrl} label={t("copyCallbackUrl")} iconOnly />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="verify-token">{t("verifyToken")}</Label>
          <div className="flex gap-2">
            <Input
              id="verify-token"
              readOnly
              type={showToken ? "text" : "password"}
              value={verifyToken}
              dir="ltr"
              className="font-mono text-xs"
            />
            <Button
              type="button"
              variant="outline"
              size="icon"
              aria-label={showToken ? t("hideVerifyToken") : t("showVerifyToken")}
              onClick={() => setShowToken((shown) => !shown)}
            >
              {showToken ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
            </Button>
            <CopyButton value={verifyToken} label={t("copyVerifyToken")} iconOnly />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {signatureChecked ? (
            <Badge variant="success">
              <ShieldCheck aria-hidden /> {t("signaturesChecked")}
            </Badge>
          ) : (
            <Badge variant="info">
              <ShieldAlert aria-hidden /> {t("tokenChecked")}
            </Badge>
          )}
          <span className="text-muted-foreground">
            {signatureChecked ? t("signatureExplained") : t("tokenExplained")}
          </span>
          <span className="text-muted-foreground" data-testid="rejected-count">
            {t.rich("refusedSoFar", {
              count: rejectedDeliveries,
              strong: (chunks) => <strong className="font-medium text-foreground">{chunks}</strong>,
            })}
          </span>
        </div>
      </CardContent>
    </Card>
  );
}
