import { describe, expect, it } from "vitest";

import { formAnswers } from "./form-reply";

describe("formAnswers", () => {
  it("lists a form's answers in order, without the flow token", () => {
    const responseJson = JSON.stringify({ flow_token: "abc", name: "Maya", cups_per_day: 3, subscribe: true, beans: ["Ethiopia", "Peru"] });
    expect(formAnswers(responseJson)).toEqual([
      { key: "name", value: "Maya" },
      { key: "cups_per_day", value: "3" },
      { key: "subscribe", value: "true" },
      { key: "beans", value: "Ethiopia, Peru" },
    ]);
  });

  it("shows nested objects as JSON and missing values as empty", () => {
    expect(formAnswers('{"address":{"city":"Berlin"},"note":null}')).toEqual([
      { key: "address", value: '{"city":"Berlin"}' },
      { key: "note", value: "" },
    ]);
  });

  it("answers null when the response is not a JSON object", () => {
    expect(formAnswers("{not json")).toBeNull();
    expect(formAnswers('["a"]')).toBeNull();
    expect(formAnswers('"text"')).toBeNull();
    expect(formAnswers(undefined)).toBeNull();
  });

  it("accepts a response that is already an object", () => {
    expect(formAnswers({ flow_token: "x", size: "L" })).toEqual([{ key: "size", value: "L" }]);
  });

  it("is empty when only the flow token came back", () => {
    expect(formAnswers('{"flow_token":"abc"}')).toEqual([]);
  });
});
