/** A business number as the pickers list it: the number, left to right, and the business's verified name. */
export function BusinessNumberLabel({ number }: { number: { id: string; displayPhoneNumber: string | null; verifiedName: string | null } }) {
  return (
    <>
      <bdi dir="ltr">{number.displayPhoneNumber ?? number.id}</bdi>
      {number.verifiedName ? (
        <>
          {" · "}
          <span dir="auto">{number.verifiedName}</span>
        </>
      ) : null}
    </>
  );
}
