// Text files bundled by webpack as strings (asset/source), e.g. units/departments-2022.txt.
declare module "*.txt" {
  const text: string;
  export default text;
}
