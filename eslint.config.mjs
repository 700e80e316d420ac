import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "test-results*/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

// Every word a person reads comes from the catalogs (messages/*.json): no literal text in JSX, nor in
// the attributes that are read out or shown (labels, placeholders, tooltips, alternative text).
const TEXT_ATTRIBUTES = "aria-label|aria-description|aria-valuetext|aria-roledescription|placeholder|title|alt|label|description";
config.push({
  files: ["app/**/*.tsx", "components/**/*.tsx"],
  ignores: ["**/*.test.tsx"],
  rules: {
    "react/jsx-no-literals": [
      "error",
      {
        noStrings: true,
        ignoreProps: true,
        // Punctuation and symbols that read the same in every language.
        allowedStrings: ["·", "—", "–", "…", "/", ":", "(", ")", "+", "-", "•", "×", "|", "@", "#", "%", "*", "→", "←", ",", "."],
      },
    ],
    "no-restricted-syntax": [
      "error",
      {
        selector: `JSXAttribute[name.name=/^(${TEXT_ATTRIBUTES})$/] > Literal[value=/[A-Za-z]/]`,
        message: "Text a person reads comes from the message catalogs (useTranslations / getTranslations).",
      },
      {
        selector: `JSXAttribute[name.name=/^(${TEXT_ATTRIBUTES})$/] > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]{2}/]`,
        message: "Text a person reads comes from the message catalogs (useTranslations / getTranslations).",
      },
    ],
  },
});

// zod only through lib/zod.ts, which configures it before any schema is built (see there).
const ZOD_ONLY_THROUGH_LIB = { name: "zod", message: "Import z from @/lib/zod: it is zod configured for this product.", allowTypeImports: true };
// Toasts only through components/ui/toast.ts, which loads sonner with the first toast rather than with every page.
const SONNER_ONLY_THROUGH_UI = { name: "sonner", message: "Import toast from @/components/ui/toast: it loads sonner when the first toast shows.", allowTypeImports: true };
config.push({
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "auth.ts"],
  ignores: ["lib/zod.ts", "lib/i18n/validation.ts", "**/*.test.ts", "**/*.test.tsx"],
  rules: {
    "no-restricted-imports": ["error", { paths: [ZOD_ONLY_THROUGH_LIB, SONNER_ONLY_THROUGH_UI] }],
  },
});
// The toaster itself, which toast.ts mounts on demand.
config.push({
  files: ["components/ui/sonner-toaster.tsx"],
  rules: {
    "no-restricted-imports": ["error", { paths: [ZOD_ONLY_THROUGH_LIB] }],
  },
});

export default config;
